import { createAppCredential } from "../../../services/identity/appCredentials.ts";
import { projectProcedure } from "../../../trpc.ts";
import { ZCreateAppCredentialRequestSchema, ZCreateAppCredentialResponseSchema } from "./create.types.ts";

export const createAppCredentialRoute = projectProcedure
  .input(ZCreateAppCredentialRequestSchema)
  .output(ZCreateAppCredentialResponseSchema)
  .mutation(({ ctx, input }) => createAppCredential(ctx.keystone, ctx.user.id, input));
