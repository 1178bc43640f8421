import { z } from "zod";

export const ZDownloadSchema = z.object({ filename: z.string(), content: z.string() });
export type TDownload = z.infer<typeof ZDownloadSchema>;
