import type { ScryptParams } from "./crypto/secret-hash.ts";

/** Settings the services need, resolved once by startControl. */
export interface ControlConfig {
  /** Base of every URL we hand out (catalog, links), without trailing slash. */
  publicUrl: string;
  region: string;
  tokenTtlSeconds: number;
  scrypt: ScryptParams;
  /** How long a validated token context may be served from memory. */
  tokenCacheMs: number;
  /**
   * Failed logins allowed per user name and per client address in the window.
   * An address gets more: many people can share one (NAT, a proxy).
   */
  loginThrottle: { maxFailures: number; maxFailuresPerAddress: number; windowMs: number };
  /**
   * Keystone's `[resource] admin_project_name` / `admin_project_domain_name`:
   * admin on this project (or on the system) is admin of the whole cloud;
   * admin on any other project is admin of that project only.
   */
  adminProject: AdminProjectRef;
  /** The portal's shared secret: with it, a login may name the browser's address (see client-address.ts). */
  portalSecret: string;
}

export interface AdminProjectRef {
  name: string;
  domainName: string;
}

export const DEFAULT_ADMIN_PROJECT: AdminProjectRef = { name: "admin", domainName: "Default" };

/** scrypt cost for production: N=2^15, r=8, p=1 (about 32 MiB and tens of ms per hash). */
export const PRODUCTION_SCRYPT: ScryptParams = { logN: 15, r: 8, p: 1 };
