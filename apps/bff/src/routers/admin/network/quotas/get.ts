import { getNetworkQuota } from "../../../../services/admin/network-quotas.ts";
import { adminProcedure } from "../../../../trpc.ts";
import { ZGetNetworkQuotaRequestSchema, ZGetNetworkQuotaResponseSchema } from "./get.types.ts";

export const getNetworkQuotaRoute = adminProcedure
  .input(ZGetNetworkQuotaRequestSchema)
  .output(ZGetNetworkQuotaResponseSchema)
  .query(({ ctx, input }) => getNetworkQuota(ctx.cloud, input.projectId));
