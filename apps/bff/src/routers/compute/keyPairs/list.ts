import { listKeyPairs } from "../../../services/compute/keypairs.ts";
import { projectProcedure } from "../../../trpc.ts";
import { ZListKeyPairsRequestSchema, ZListKeyPairsResponseSchema } from "./list.types.ts";

export const listKeyPairsRoute = projectProcedure
  .input(ZListKeyPairsRequestSchema)
  .output(ZListKeyPairsResponseSchema)
  .query(({ ctx }) => listKeyPairs(ctx.cloud));
