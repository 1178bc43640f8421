import { z } from "zod";
import { ZId } from "../../list.types.ts";

export const ZDeleteVolumeTypeRequest = z.object({ id: ZId });
export { ZOk as ZDeleteVolumeTypeResponse } from "../../list.types.ts";
