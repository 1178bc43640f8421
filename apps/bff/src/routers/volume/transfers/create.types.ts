import { z } from "zod";
import { ZId } from "../../list.types.ts";
import { ZVolumeName } from "../volumes/volume.types.ts";
import { ZTransferRow } from "./list.types.ts";

export const ZCreateTransferRequest = z.object({ volumeId: ZId, name: ZVolumeName });
/** `authKey` is shown once: the cloud never returns it again. */
export const ZCreateTransferResponse = ZTransferRow.extend({ authKey: z.string() });
