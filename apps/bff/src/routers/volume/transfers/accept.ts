import { acceptTransfer } from "../../../services/volume/transfers.ts";
import { projectProcedure } from "../../../trpc.ts";
import { ZAcceptTransferRequest, ZAcceptTransferResponse } from "./accept.types.ts";

export const acceptTransferRoute = projectProcedure
  .input(ZAcceptTransferRequest)
  .output(ZAcceptTransferResponse)
  .mutation(({ ctx, input }) => acceptTransfer(ctx.cloud, input));
