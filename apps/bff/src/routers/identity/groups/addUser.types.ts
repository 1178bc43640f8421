import { z } from "zod";
import { ZId } from "../../list.types.ts";

export const ZGroupUserRequestSchema = z.object({ groupId: ZId, userId: ZId });
export type TGroupUserRequest = z.infer<typeof ZGroupUserRequestSchema>;
export { ZOk as ZGroupUserResponseSchema } from "../../list.types.ts";
