import { setServiceEnabled } from "../../../services/admin/hosts.ts";
import { adminProcedure } from "../../../trpc.ts";
import { ZSetServiceEnabledRequestSchema, ZSetServiceEnabledResponseSchema } from "./setEnabled.types.ts";

export const setServiceEnabledRoute = adminProcedure
  .input(ZSetServiceEnabledRequestSchema)
  .output(ZSetServiceEnabledResponseSchema)
  .mutation(({ ctx, input }) => setServiceEnabled(ctx.cloud, input));
