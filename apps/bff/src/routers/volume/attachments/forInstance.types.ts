import { z } from "zod";
import { ZId } from "../../list.types.ts";

export const ZInstanceVolumesRequest = z.object({ serverId: ZId });
export const ZInstanceVolume = z.object({
  id: z.string(),
  name: z.string(),
  size: z.number().nullable(),
  status: z.string().nullable(),
  device: z.string().nullable(),
  deleteOnTermination: z.boolean().nullable(),
});
export type TInstanceVolume = z.infer<typeof ZInstanceVolume>;
export const ZInstanceVolumesResponse = z.array(ZInstanceVolume);
