import type { Agent, NeutronQuery } from "@zenith/api-client/neutron";
import type { Cloud } from "../cloud/clients.ts";
import { compareValues, type Page } from "../paging.ts";

export const NETWORK_AGENT_SORT_KEYS = [
  "type",
  "binary",
  "host",
  "alive",
  "adminStateUp",
  "heartbeatAt",
  "availabilityZone",
] as const;
export type NetworkAgentSortKey = (typeof NETWORK_AGENT_SORT_KEYS)[number];

export interface NetworkAgentDto {
  id: string;
  type: string;
  binary: string;
  host: string;
  alive: boolean;
  adminStateUp: boolean;
  /** ISO 8601 (UTC), or null before the first heartbeat. */
  heartbeatAt: string | null;
  startedAt: string | null;
  availabilityZone: string | null;
  description: string | null;
}

export interface NetworkAgentListQuery {
  page: number;
  pageSize: number;
  sort?: NetworkAgentSortKey | undefined;
  dir?: "asc" | "desc" | undefined;
  /** Substring of the host, type or binary. */
  q?: string | undefined;
  type?: string | undefined;
  host?: string | undefined;
  alive?: boolean | undefined;
  adminStateUp?: boolean | undefined;
}

/**
 * Neutron prints agent times as "2017-09-12 19:40:08": UTC without a zone.
 * The browser needs a zoned instant to say "5 s ago" and show local time.
 */
export function neutronTimeToIso(text: string | null | undefined): string | null {
  if (!text) return null;
  const zoned = /[zZ]|[+-]\d\d:?\d\d$/.test(text) ? text : `${text.replace(" ", "T")}Z`;
  const at = Date.parse(zoned);
  return Number.isNaN(at) ? null : new Date(at).toISOString();
}

export function toNetworkAgent(a: Agent): NetworkAgentDto {
  return {
    id: a.id,
    type: a.agent_type,
    binary: a.binary,
    host: a.host,
    alive: a.alive,
    adminStateUp: a.admin_state_up,
    heartbeatAt: neutronTimeToIso(a.heartbeat_timestamp),
    startedAt: neutronTimeToIso(a.started_at),
    availabilityZone: a.availability_zone ?? null,
    description: a.description ?? null,
  };
}

/** Sorts, filters by `q` and pages agents already narrowed by Neutron (a cloud has tens of them, not thousands). */
export function pageAgents(agents: NetworkAgentDto[], query: NetworkAgentListQuery): Page<NetworkAgentDto> {
  const needle = query.q?.trim().toLowerCase();
  const shown = needle
    ? agents.filter((a) => [a.host, a.type, a.binary].some((v) => v.toLowerCase().includes(needle)))
    : [...agents];
  const key = query.sort ?? "host";
  shown.sort((a, b) => {
    const byKey = compareValues(a[key], b[key], query.dir);
    if (byKey !== 0) return byKey;
    // Ties: host then type, then id, so pages never overlap between requests.
    return compareValues(a.host, b.host) || compareValues(a.type, b.type) || compareValues(a.id, b.id);
  });
  const start = (query.page - 1) * query.pageSize;
  return {
    items: shown.slice(start, start + query.pageSize),
    total: shown.length,
    page: query.page,
    pageSize: query.pageSize,
  };
}

/** The exact-match filters go to Neutron (`agent_type`, `host`, `alive`, `admin_state_up`). */
export function agentQuery(query: NetworkAgentListQuery): NeutronQuery {
  const q: NeutronQuery = {};
  if (query.type) q.agent_type = query.type;
  if (query.host) q.host = query.host;
  // As strings: the shared query builder drops a boolean `false` (it reads booleans as presence flags).
  if (query.alive !== undefined) q.alive = String(query.alive);
  if (query.adminStateUp !== undefined) q.admin_state_up = String(query.adminStateUp);
  return q;
}

export async function listNetworkAgents(cloud: Cloud, query: NetworkAgentListQuery) {
  const agents = await (await cloud.neutron()).agents.listAll(agentQuery(query));
  return pageAgents(agents.map(toNetworkAgent), query);
}

export async function setNetworkAgentEnabled(cloud: Cloud, input: { id: string; enabled: boolean }) {
  const agent = await (await cloud.neutron()).agents.update(input.id, { admin_state_up: input.enabled });
  return toNetworkAgent(agent);
}
