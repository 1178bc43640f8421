import { z } from "zod";
import { ZId } from "../../list.types.ts";

export const ZDetachVolumeRequest = z.object({ serverId: ZId, volumeId: ZId });
export { ZOk as ZDetachVolumeResponse } from "../../list.types.ts";
