import { z } from "zod";
import { ZId } from "../../list.types.ts";

export const ZDeleteBackupRequest = z.object({ id: ZId });
export { ZOk as ZDeleteBackupResponse } from "../../list.types.ts";
