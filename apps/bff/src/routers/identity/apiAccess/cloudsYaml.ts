import { cloudsYamlFor } from "../../../services/identity/apiAccess.ts";
import { projectProcedure } from "../../../trpc.ts";
import { ZCloudsYamlRequestSchema, ZCloudsYamlResponseSchema } from "./cloudsYaml.types.ts";

export const cloudsYamlRoute = projectProcedure
  .input(ZCloudsYamlRequestSchema)
  .output(ZCloudsYamlResponseSchema)
  .query(({ ctx }) => cloudsYamlFor(ctx.keystone, ctx.session.keystone, ctx.config.keystoneUrl));
