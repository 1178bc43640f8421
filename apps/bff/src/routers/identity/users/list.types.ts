import { z } from "zod";
import { zListInput, zPage } from "../../list.types.ts";
import { ZUserSchema } from "./user.types.ts";

export const USER_SORT_KEYS = ["name", "id", "email", "domainId", "enabled"] as const;
export const ZListUsersRequestSchema = zListInput(USER_SORT_KEYS).extend({
  domainId: z.string().optional(),
  enabled: z.boolean().optional(),
});
export type TListUsersRequest = z.infer<typeof ZListUsersRequestSchema>;
export const ZListUsersResponseSchema = zPage(ZUserSchema);
export type TListUsersResponse = z.infer<typeof ZListUsersResponseSchema>;
