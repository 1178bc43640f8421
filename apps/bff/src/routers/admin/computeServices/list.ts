import { listComputeServices } from "../../../services/admin/hosts.ts";
import { adminProcedure } from "../../../trpc.ts";
import { ZListComputeServicesRequestSchema, ZListComputeServicesResponseSchema } from "./list.types.ts";

export const listComputeServicesRoute = adminProcedure
  .input(ZListComputeServicesRequestSchema)
  .output(ZListComputeServicesResponseSchema)
  .query(({ ctx }) => listComputeServices(ctx.cloud));
