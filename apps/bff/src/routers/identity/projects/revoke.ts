import { revokeOnProject } from "../../../services/identity/projects.ts";
import { adminProcedure } from "../../../trpc.ts";
import { ZProjectRevokeRequestSchema, ZProjectRevokeResponseSchema } from "./revoke.types.ts";

export const revokeRoute = adminProcedure
  .input(ZProjectRevokeRequestSchema)
  .output(ZProjectRevokeResponseSchema)
  .mutation(({ ctx, input }) => revokeOnProject(ctx.keystone, input));
