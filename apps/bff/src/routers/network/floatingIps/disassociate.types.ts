import { z } from "zod";
import { ZId } from "../../list.types.ts";

export const ZDisassociateRequest = z.object({ id: ZId });
export { ZOk as ZDisassociateResponse } from "../../list.types.ts";
