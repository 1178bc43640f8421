import { listTransfers } from "../../../services/volume/transfers.ts";
import { projectProcedure } from "../../../trpc.ts";
import { ZListTransfersRequest, ZListTransfersResponse } from "./list.types.ts";

export const listTransfersRoute = projectProcedure
  .input(ZListTransfersRequest)
  .output(ZListTransfersResponse)
  .query(({ ctx }) => listTransfers(ctx.cloud));
