import { deleteTransfer } from "../../../services/volume/transfers.ts";
import { projectProcedure } from "../../../trpc.ts";
import { ZDeleteTransferRequest, ZDeleteTransferResponse } from "./delete.types.ts";

export const deleteTransferRoute = projectProcedure
  .input(ZDeleteTransferRequest)
  .output(ZDeleteTransferResponse)
  .mutation(async ({ ctx, input }) => {
    await deleteTransfer(ctx.cloud, input.id);
    return { ok: true as const };
  });
