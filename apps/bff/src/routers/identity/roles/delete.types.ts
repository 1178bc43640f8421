import { z } from "zod";
import { ZId } from "../../list.types.ts";

export const ZDeleteRoleRequestSchema = z.object({ id: ZId });
export type TDeleteRoleRequest = z.infer<typeof ZDeleteRoleRequestSchema>;
export { ZOk as ZDeleteRoleResponseSchema } from "../../list.types.ts";
