import { deleteAppCredential } from "../../../services/identity/appCredentials.ts";
import { authedProcedure } from "../../../trpc.ts";
import { ZDeleteAppCredentialRequestSchema, ZDeleteAppCredentialResponseSchema } from "./delete.types.ts";

export const deleteAppCredentialRoute = authedProcedure
  .input(ZDeleteAppCredentialRequestSchema)
  .output(ZDeleteAppCredentialResponseSchema)
  .mutation(({ ctx, input }) => deleteAppCredential(ctx.keystone, ctx.user.id, input.id));
