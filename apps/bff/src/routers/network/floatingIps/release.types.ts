import { z } from "zod";
import { ZId } from "../../list.types.ts";

export const ZReleaseRequest = z.object({ id: ZId });
export { ZOk as ZReleaseResponse } from "../../list.types.ts";
