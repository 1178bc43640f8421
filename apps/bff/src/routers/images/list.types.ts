import { z } from "zod";
import { zListInput, zPage } from "../list.types.ts";
import { ZImageSchema, ZVisibility } from "./image.types.ts";

export const IMAGE_SORT_KEYS = ["name", "status", "size", "created", "visibility"] as const;
export const ZListImagesRequestSchema = zListInput(IMAGE_SORT_KEYS).extend({
  visibility: ZVisibility.optional(),
  status: z.string().optional(),
});
export type TListImagesRequest = z.infer<typeof ZListImagesRequestSchema>;
export const ZListImagesResponseSchema = zPage(ZImageSchema);
export type TListImagesResponse = z.infer<typeof ZListImagesResponseSchema>;
