import { listInterfaces } from "../../../services/compute/interfaces.ts";
import { projectProcedure } from "../../../trpc.ts";
import { ZInterfacesRequestSchema, ZInterfacesResponseSchema } from "./interfaces.types.ts";

export const interfacesRoute = projectProcedure
  .input(ZInterfacesRequestSchema)
  .output(ZInterfacesResponseSchema)
  .query(({ ctx, input }) => listInterfaces(ctx.cloud, input.id));
