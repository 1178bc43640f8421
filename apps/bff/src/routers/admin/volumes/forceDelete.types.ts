import { z } from "zod";
import { ZId } from "../../list.types.ts";

export const ZForceDeleteVolumeRequest = z.object({ id: ZId });
export { ZOk as ZForceDeleteVolumeResponse } from "../../list.types.ts";
