import { z } from "zod";
import { ZId } from "../../list.types.ts";
import { ZSizeGb } from "./volume.types.ts";

export const ZExtendVolumeRequest = z.object({ id: ZId, newSize: ZSizeGb });
export { ZOk as ZExtendVolumeResponse } from "../../list.types.ts";
