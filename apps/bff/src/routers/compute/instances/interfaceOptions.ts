import { interfaceChoices } from "../../../services/compute/floating-ips.ts";
import { projectProcedure } from "../../../trpc.ts";
import { ZInterfaceOptionsRequestSchema, ZInterfaceOptionsResponseSchema } from "./interfaceOptions.types.ts";

export const interfaceOptionsRoute = projectProcedure
  .input(ZInterfaceOptionsRequestSchema)
  .output(ZInterfaceOptionsResponseSchema)
  .query(({ ctx, input }) => interfaceChoices(ctx.cloud, input.id));
