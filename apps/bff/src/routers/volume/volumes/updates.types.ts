import { z } from "zod";
import { ZVolumeRow } from "./volume.types.ts";

export const ZVolumeUpdatesRequest = z.object({ allProjects: z.boolean().optional() }).default({});
export const ZVolumeUpdatesEvent = z.object({ changed: z.array(ZVolumeRow), deleted: z.array(z.string()) });
export type TVolumeUpdatesEvent = z.infer<typeof ZVolumeUpdatesEvent>;
