import type { PrismaClient } from "@zenith/db/client";
import { SecurityGroupService } from "../security-groups/groups.ts";
import { SecurityGroupRuleService } from "../security-groups/rules.ts";
import { FloatingIpService } from "./floating-ips.ts";
import { RouterInterfaceService } from "./router-interfaces.ts";
import { RouterService } from "./routers.ts";

/** The L3 and security group services, wired once per control plane. */
export interface L3Services {
  securityGroups: SecurityGroupService;
  securityGroupRules: SecurityGroupRuleService;
  routers: RouterService;
  routerInterfaces: RouterInterfaceService;
  floatingIps: FloatingIpService;
}

export function createL3Services(prisma: PrismaClient): L3Services {
  const routers = new RouterService(prisma);
  return {
    securityGroups: new SecurityGroupService(prisma),
    securityGroupRules: new SecurityGroupRuleService(prisma),
    routers,
    routerInterfaces: new RouterInterfaceService(prisma, routers),
    floatingIps: new FloatingIpService(prisma),
  };
}
