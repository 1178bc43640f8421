import { z } from "zod";

export { ZNoInput as ZListTransfersRequest } from "../../list.types.ts";
export const ZTransferRow = z.object({
  id: z.string(),
  name: z.string(),
  volumeId: z.string(),
  createdAt: z.string().nullable(),
});
export const ZListTransfersResponse = z.array(ZTransferRow);
