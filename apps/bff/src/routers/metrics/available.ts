import { projectProcedure } from "../../trpc.ts";
import { ZAvailableRequestSchema, ZAvailableResponseSchema } from "./available.types.ts";

export const availableRoute = projectProcedure
  .input(ZAvailableRequestSchema)
  .output(ZAvailableResponseSchema)
  .query(async ({ ctx }) => ({ available: (await ctx.cloud.metric()).available }));
