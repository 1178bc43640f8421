import { z } from "zod";
import { ZId } from "../../list.types.ts";

export const ZDeleteSnapshotRequest = z.object({ id: ZId });
export { ZOk as ZDeleteSnapshotResponse } from "../../list.types.ts";
