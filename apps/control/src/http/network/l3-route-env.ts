import type { IdentityServices } from "../../services/identity/registry.ts";
import type { L3Services } from "../../services/network/l3/registry.ts";

/** What the router, floating IP and security group routes receive. */
export interface L3RouteEnv {
  identity: IdentityServices;
  l3: L3Services;
  /** Base URL for `links` (known only after listen when the port is 0). */
  publicUrl: () => string;
}

export const NEUTRON_PREFIX = "/networking/v2.0";
