import { z } from "zod";
import { VOLUME_SORT_KEYS } from "../../../services/volume/volumes.ts";
import { ZId, zListInput, zPage } from "../../list.types.ts";
import { ZVolumeRow } from "./volume.types.ts";

export const ZListVolumesRequest = zListInput(VOLUME_SORT_KEYS).extend({
  status: z.string().max(64).optional(),
  /** Cloud admins only: every project's volumes, with project names. */
  allProjects: z.boolean().optional(),
  /** With allProjects: one project's. */
  projectId: ZId.optional(),
});
export type TListVolumesRequest = z.infer<typeof ZListVolumesRequest>;
export const ZListVolumesResponse = zPage(ZVolumeRow);
