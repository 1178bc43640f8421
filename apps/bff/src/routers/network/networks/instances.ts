import { listNetworkInstances } from "../../../services/network/network-instances.ts";
import { projectProcedure } from "../../../trpc.ts";
import {
  ZListNetworkInstancesRequestSchema,
  ZListNetworkInstancesResponseSchema,
} from "./instances.types.ts";

/** The instances with a port on one network, paged, named for the page only. */
export const listNetworkInstancesRoute = projectProcedure
  .input(ZListNetworkInstancesRequestSchema)
  .output(ZListNetworkInstancesResponseSchema)
  .query(({ ctx, input }) => listNetworkInstances(ctx.cloud, input));
