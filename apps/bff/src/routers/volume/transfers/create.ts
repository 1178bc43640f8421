import { createTransfer } from "../../../services/volume/transfers.ts";
import { projectProcedure } from "../../../trpc.ts";
import { ZCreateTransferRequest, ZCreateTransferResponse } from "./create.types.ts";

export const createTransferRoute = projectProcedure
  .input(ZCreateTransferRequest)
  .output(ZCreateTransferResponse)
  .mutation(({ ctx, input }) => createTransfer(ctx.cloud, input));
