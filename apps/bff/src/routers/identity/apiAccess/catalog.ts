import { catalogFor } from "../../../services/identity/apiAccess.ts";
import { projectProcedure } from "../../../trpc.ts";
import { ZCatalogRequestSchema, ZCatalogResponseSchema } from "./catalog.types.ts";

export const catalogRoute = projectProcedure
  .input(ZCatalogRequestSchema)
  .output(ZCatalogResponseSchema)
  .query(({ ctx }) => catalogFor(ctx.keystone, ctx.session.keystone, ctx.config.keystoneUrl));
