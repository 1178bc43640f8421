/** Every kind of resource the palette can find, in the order its groups are shown. */
export const SEARCH_KINDS = [
  "instance",
  "volume",
  "image",
  "network",
  "router",
  "securityGroup",
  "floatingIp",
  "keyPair",
  "project",
  "user",
] as const;
export type SearchKind = (typeof SEARCH_KINDS)[number];

/** Kinds only cloud admins can list (Keystone's identity:list_projects / list_users). */
export const ADMIN_KINDS: ReadonlySet<SearchKind> = new Set(["project", "user"]);

/** One resource found: enough to label a row and link to it; the portal knows the routes. */
export interface SearchHit {
  id: string;
  /** The name, or for floating IPs the address; empty when the resource has none. */
  name: string;
  /** Upstream status (ACTIVE, available, …), or null for kinds without one. */
  status: string | null;
  /** A short second line: size, CIDR-free hints, the fixed address, … */
  detail: string | null;
}

/**
 * One kind's answer. `unavailable`: the cloud has no such service in its
 * catalog (the group is skipped); `error`: the service failed, the other
 * groups still answer.
 */
export type SearchGroup =
  | { kind: SearchKind; state: "ok"; items: SearchHit[] }
  | { kind: SearchKind; state: "unavailable"; items: [] }
  | { kind: SearchKind; state: "error"; items: []; message: string };
