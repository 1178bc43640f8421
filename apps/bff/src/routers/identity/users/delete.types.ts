import { z } from "zod";
import { ZId } from "../../list.types.ts";

export const ZDeleteUserRequestSchema = z.object({ id: ZId });
export type TDeleteUserRequest = z.infer<typeof ZDeleteUserRequestSchema>;
export { ZOk as ZDeleteUserResponseSchema } from "../../list.types.ts";
