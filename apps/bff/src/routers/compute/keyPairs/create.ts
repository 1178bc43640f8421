import { createKeyPair } from "../../../services/compute/keypairs.ts";
import { projectProcedure } from "../../../trpc.ts";
import { ZCreateKeyPairRequestSchema, ZCreateKeyPairResponseSchema } from "./create.types.ts";

export const createKeyPairRoute = projectProcedure
  .input(ZCreateKeyPairRequestSchema)
  .output(ZCreateKeyPairResponseSchema)
  .mutation(({ ctx, input }) => createKeyPair(ctx.cloud, input.name));
