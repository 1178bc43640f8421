import { updateNetworkQuota } from "../../../../services/admin/network-quotas.ts";
import { adminProcedure } from "../../../../trpc.ts";
import { ZUpdateNetworkQuotaRequestSchema, ZUpdateNetworkQuotaResponseSchema } from "./update.types.ts";

export const updateNetworkQuotaRoute = adminProcedure
  .input(ZUpdateNetworkQuotaRequestSchema)
  .output(ZUpdateNetworkQuotaResponseSchema)
  .mutation(({ ctx, input }) => updateNetworkQuota(ctx.cloud, input.projectId, input.limits));
