import { importKeyPair } from "../../../services/compute/keypairs.ts";
import { projectProcedure } from "../../../trpc.ts";
import { ZImportKeyPairRequestSchema, ZImportKeyPairResponseSchema } from "./import.types.ts";

export const importKeyPairRoute = projectProcedure
  .input(ZImportKeyPairRequestSchema)
  .output(ZImportKeyPairResponseSchema)
  .mutation(({ ctx, input }) => importKeyPair(ctx.cloud, input.name, input.publicKey));
