import { z } from "zod";
import { ZId } from "../../list.types.ts";

export const ZGetVolumeRequest = z.object({ id: ZId });
export { ZVolumeRow as ZGetVolumeResponse } from "./volume.types.ts";
