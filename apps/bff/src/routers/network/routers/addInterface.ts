import { addRouterInterface } from "../../../services/network/router-mutations.ts";
import { projectProcedure } from "../../../trpc.ts";
import { ZAddInterfaceRequestSchema, ZAddInterfaceResponseSchema } from "./addInterface.types.ts";
import { networkScopeOf } from "./scope.ts";

export const addInterfaceRoute = projectProcedure
  .input(ZAddInterfaceRequestSchema)
  .output(ZAddInterfaceResponseSchema)
  .mutation(({ ctx, input }) => addRouterInterface(ctx.cloud, networkScopeOf(ctx), input));
