import { listNetworkPorts } from "../../../services/network/network-ports.ts";
import { projectProcedure } from "../../../trpc.ts";
import { ZListPortsRequestSchema, ZListPortsResponseSchema } from "./list.types.ts";

/** One network's ports, paged, with their owners named. */
export const listPortsRoute = projectProcedure
  .input(ZListPortsRequestSchema)
  .output(ZListPortsResponseSchema)
  .query(({ ctx, input }) => listNetworkPorts(ctx.cloud, input));
