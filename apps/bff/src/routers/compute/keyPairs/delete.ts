import { deleteKeyPair } from "../../../services/compute/keypairs.ts";
import { projectProcedure } from "../../../trpc.ts";
import { ZDeleteKeyPairRequestSchema, ZDeleteKeyPairResponseSchema } from "./delete.types.ts";

export const deleteKeyPairRoute = projectProcedure
  .input(ZDeleteKeyPairRequestSchema)
  .output(ZDeleteKeyPairResponseSchema)
  .mutation(({ ctx, input }) => deleteKeyPair(ctx.cloud, input.name));
