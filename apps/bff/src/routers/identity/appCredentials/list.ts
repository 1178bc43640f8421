import { listAppCredentials } from "../../../services/identity/appCredentials.ts";
import { authedProcedure } from "../../../trpc.ts";
import { ZListAppCredentialsRequestSchema, ZListAppCredentialsResponseSchema } from "./list.types.ts";

export const listAppCredentialsRoute = authedProcedure
  .input(ZListAppCredentialsRequestSchema)
  .output(ZListAppCredentialsResponseSchema)
  .query(({ ctx, input }) => listAppCredentials(ctx.keystone, ctx.user.id, input));
