import { updateQuotaDefaults } from "../../../services/admin/quotas.ts";
import { adminProcedure } from "../../../trpc.ts";
import {
  ZUpdateQuotaDefaultsRequestSchema,
  ZUpdateQuotaDefaultsResponseSchema,
} from "./updateDefaults.types.ts";

export const updateQuotaDefaultsRoute = adminProcedure
  .input(ZUpdateQuotaDefaultsRequestSchema)
  .output(ZUpdateQuotaDefaultsResponseSchema)
  .mutation(({ ctx, input }) => updateQuotaDefaults(ctx.cloud, input.limits));
