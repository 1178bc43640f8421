import type { z } from "zod";
import { zListInput, zPage } from "../../list.types.ts";
import { ZRoleSchema } from "./role.types.ts";

export const ROLE_SORT_KEYS = ["name", "id"] as const;
export const ZListRolesRequestSchema = zListInput(ROLE_SORT_KEYS);
export type TListRolesRequest = z.infer<typeof ZListRolesRequestSchema>;
export const ZListRolesResponseSchema = zPage(ZRoleSchema);
export type TListRolesResponse = z.infer<typeof ZListRolesResponseSchema>;
