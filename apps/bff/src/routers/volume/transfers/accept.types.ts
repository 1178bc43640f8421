import { z } from "zod";
import { ZId } from "../../list.types.ts";

export const ZAcceptTransferRequest = z.object({
  id: ZId,
  authKey: z.string().trim().min(1, "Enter the authorization key.").max(255),
});
export const ZAcceptTransferResponse = z.object({ volumeId: z.string() });
