import { z } from "zod";
import { ZId, ZOk } from "../../list.types.ts";

export const ZDetachInterfaceRequestSchema = z.object({ id: ZId, portId: ZId });
export type TDetachInterfaceRequest = z.infer<typeof ZDetachInterfaceRequestSchema>;
export { ZOk as ZDetachInterfaceResponseSchema };
