import { z } from "zod";
import { ZId } from "../../list.types.ts";

export const ZRemoteConsoleRequestSchema = z.object({ id: ZId, kind: z.enum(["serial", "novnc"]) });
export type TRemoteConsoleRequest = z.infer<typeof ZRemoteConsoleRequestSchema>;
export const ZRemoteConsoleResponseSchema = z.object({
  kind: z.enum(["serial", "novnc"]),
  /** As Nova gave it: serial → the ws:// URL; novnc → the noVNC page (for "open in a new window"). */
  url: z.string(),
  /** Where the browser connects its WebSocket; the token in it works once and expires in minutes. */
  websocketUrl: z.string(),
});
export type TRemoteConsoleResponse = z.infer<typeof ZRemoteConsoleResponseSchema>;
