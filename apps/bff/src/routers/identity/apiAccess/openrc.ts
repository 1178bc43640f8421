import { openrcFor } from "../../../services/identity/apiAccess.ts";
import { projectProcedure } from "../../../trpc.ts";
import { ZOpenrcRequestSchema, ZOpenrcResponseSchema } from "./openrc.types.ts";

export const openrcRoute = projectProcedure
  .input(ZOpenrcRequestSchema)
  .output(ZOpenrcResponseSchema)
  .query(({ ctx }) => openrcFor(ctx.keystone, ctx.session.keystone, ctx.config.keystoneUrl));
