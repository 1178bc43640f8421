import type { NetworkDeps } from "../deps.ts";
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

export function createL3Services(deps: NetworkDeps): L3Services {
  const routers = new RouterService(deps);
  return {
    securityGroups: new SecurityGroupService(deps),
    securityGroupRules: new SecurityGroupRuleService(deps),
    routers,
    routerInterfaces: new RouterInterfaceService(deps.prisma, routers),
    floatingIps: new FloatingIpService(deps),
  };
}
