import { z } from "zod";
import { ZId } from "../../list.types.ts";

export const ZDeleteTransferRequest = z.object({ id: ZId });
export { ZOk as ZDeleteTransferResponse } from "../../list.types.ts";
