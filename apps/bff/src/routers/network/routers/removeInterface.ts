import { removeRouterInterface } from "../../../services/network/router-mutations.ts";
import { projectProcedure } from "../../../trpc.ts";
import { ZRemoveInterfaceRequestSchema, ZRemoveInterfaceResponseSchema } from "./removeInterface.types.ts";

export const removeInterfaceRoute = projectProcedure
  .input(ZRemoveInterfaceRequestSchema)
  .output(ZRemoveInterfaceResponseSchema)
  .mutation(({ ctx, input }) => removeRouterInterface(ctx.cloud, input));
