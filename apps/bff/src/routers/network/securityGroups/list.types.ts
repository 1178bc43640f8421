import { z } from "zod";
import { SECURITY_GROUP_SORT_KEYS } from "../../../services/network/security-groups.ts";
import { zListInput, zPage } from "../../list.types.ts";
import { ZSecurityGroupRow } from "./securityGroup.types.ts";

export const ZListSecurityGroupsRequest = zListInput(SECURITY_GROUP_SORT_KEYS).extend({
  /** Cloud admins only: every project's groups, with the project name. */
  allProjects: z.boolean().optional(),
});
export type TListSecurityGroupsRequest = z.infer<typeof ZListSecurityGroupsRequest>;
export const ZListSecurityGroupsResponse = zPage(ZSecurityGroupRow);
