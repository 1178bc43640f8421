/**
 * The linux driver's L3: DHCP with the metadata service, routers with NAT and
 * floating IPs, and the contained outside world. Each `ensure*` converges
 * in place (a second call with the same input changes nothing); `list*`
 * finds what this agent made from its records under the state dir.
 */
export { type DhcpContext, ensureDhcp, listDhcp, removeDhcp } from "./dhcp.ts";
export { type L3Env, ZL3Env } from "./env.ts";
export type { MetadataUpstream } from "./metadata-forward.ts";
export { MetadataService } from "./metadata-service.ts";
export { type L3HostContext, type LinuxL3, type LinuxL3Options, linuxL3 } from "./modules.ts";
export * as names from "./names.ts";
export { ensureOutside, type OutsideOptions, removeOutside, ZOutsideOptions } from "./outside.ts";
export { ensureRouter, listRouters, type RouterContext, removeRouter } from "./router.ts";
export { parseRouterCounters, readAllRouterCounters, readRouterCounters } from "./router-counters.ts";
