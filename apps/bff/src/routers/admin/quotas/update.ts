import { updateQuota } from "../../../services/admin/quotas.ts";
import { adminProcedure } from "../../../trpc.ts";
import { ZUpdateQuotaRequestSchema, ZUpdateQuotaResponseSchema } from "./update.types.ts";

export const updateQuotaRoute = adminProcedure
  .input(ZUpdateQuotaRequestSchema)
  .output(ZUpdateQuotaResponseSchema)
  .mutation(({ ctx, input }) => updateQuota(ctx.cloud, input.projectId, input.limits));
