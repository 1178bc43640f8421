import { setRouterRoutes } from "../../../services/network/router-mutations.ts";
import { projectProcedure } from "../../../trpc.ts";
import { ZSetRoutesRequestSchema, ZSetRoutesResponseSchema } from "./setRoutes.types.ts";

export const setRoutesRoute = projectProcedure
  .input(ZSetRoutesRequestSchema)
  .output(ZSetRoutesResponseSchema)
  .mutation(({ ctx, input }) => setRouterRoutes(ctx.cloud, input));
