import { getQuota } from "../../../services/admin/quotas.ts";
import { adminProcedure } from "../../../trpc.ts";
import { ZGetQuotaRequestSchema, ZGetQuotaResponseSchema } from "./get.types.ts";

export const getQuotaRoute = adminProcedure
  .input(ZGetQuotaRequestSchema)
  .output(ZGetQuotaResponseSchema)
  .query(({ ctx, input }) => getQuota(ctx.cloud, input.projectId));
