import { quotaDefaults } from "../../../services/admin/quotas.ts";
import { adminProcedure } from "../../../trpc.ts";
import { ZQuotaDefaultsRequestSchema, ZQuotaDefaultsResponseSchema } from "./defaults.types.ts";

export const quotaDefaultsRoute = adminProcedure
  .input(ZQuotaDefaultsRequestSchema)
  .output(ZQuotaDefaultsResponseSchema)
  .query(({ ctx, input }) => quotaDefaults(ctx.cloud, input.projectId ?? ctx.project.id));
