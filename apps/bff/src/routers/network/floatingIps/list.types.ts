import { z } from "zod";
import { FLOATING_IP_SORT_KEYS } from "../../../services/network/floating-ips.ts";
import { zListInput, zPage } from "../../list.types.ts";
import { ZFloatingIpRow } from "./floatingIp.types.ts";

export const ZListFloatingIpsRequest = zListInput(FLOATING_IP_SORT_KEYS).extend({
  status: z.enum(["ACTIVE", "DOWN", "ERROR"]).optional(),
  /** Cloud admins only: every project's floating IPs, with the project name. */
  allProjects: z.boolean().optional(),
});
export type TListFloatingIpsRequest = z.infer<typeof ZListFloatingIpsRequest>;
export const ZListFloatingIpsResponse = zPage(ZFloatingIpRow);
