import { z } from "zod";
import { ZId } from "../../list.types.ts";

export const ZDeleteAppCredentialRequestSchema = z.object({ id: ZId });
export type TDeleteAppCredentialRequest = z.infer<typeof ZDeleteAppCredentialRequestSchema>;
export { ZOk as ZDeleteAppCredentialResponseSchema } from "../../list.types.ts";
