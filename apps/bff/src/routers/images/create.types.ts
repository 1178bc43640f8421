import { z } from "zod";
import { ZContainerFormat, ZDiskFormat, ZVisibility } from "./image.types.ts";

export const ZCreateImageRequestSchema = z.object({
  name: z.string().trim().min(1).max(255),
  diskFormat: ZDiskFormat,
  containerFormat: ZContainerFormat,
  visibility: ZVisibility.optional(),
  minDisk: z.number().int().min(0).optional(),
  minRam: z.number().int().min(0).optional(),
});
export type TCreateImageRequest = z.infer<typeof ZCreateImageRequestSchema>;
/** `uploadUrl`: the portal's same-origin route that streams the file to Glance. */
export const ZCreateImageResponseSchema = z.object({ id: z.string(), uploadUrl: z.string() });
export type TCreateImageResponse = z.infer<typeof ZCreateImageResponseSchema>;
