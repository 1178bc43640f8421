import { z } from "zod";
import { ZId } from "../../list.types.ts";
import { ZPassword } from "./user.types.ts";

export const ZSetPasswordRequestSchema = z.object({ id: ZId, password: ZPassword });
export type TSetPasswordRequest = z.infer<typeof ZSetPasswordRequestSchema>;
export { ZOk as ZSetPasswordResponseSchema } from "../../list.types.ts";
