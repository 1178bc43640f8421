import type { z } from "zod";
import { zListInput, zPage } from "../../list.types.ts";
import { ZGroupSchema } from "./group.types.ts";

export const GROUP_SORT_KEYS = ["name", "id", "domainId"] as const;
export const ZListGroupsRequestSchema = zListInput(GROUP_SORT_KEYS);
export type TListGroupsRequest = z.infer<typeof ZListGroupsRequestSchema>;
export const ZListGroupsResponseSchema = zPage(ZGroupSchema);
export type TListGroupsResponse = z.infer<typeof ZListGroupsResponseSchema>;
