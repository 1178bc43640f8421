import type { Cloud } from "../cloud/clients.ts";
import type { SearchHit } from "./kinds.ts";
import { byId } from "./lookup.ts";
import { bestMatches, type SearchQuery } from "./match.ts";
import type { SearchScope } from "./scope.ts";

const enabledStatus = (enabled: boolean) => (enabled ? "enabled" : "disabled");

/*
 * Projects and users: cloud admins only (the orchestrator never asks for a
 * member). Keystone's `name` filter is exact and its lists are bounded by
 * the server's own list limit, so the list is filtered here.
 */

export async function searchProjects(
  cloud: Cloud,
  _scope: SearchScope,
  q: SearchQuery,
): Promise<SearchHit[]> {
  const rows = q.uuid
    ? await byId(() => cloud.keystone.projects.get(q.text))
    : await cloud.keystone.projects.list();
  const hits = rows.map((p) => ({ id: p.id, name: p.name, status: enabledStatus(p.enabled), detail: null }));
  return q.uuid ? hits : bestMatches(q.text, hits, q.limit);
}

export async function searchUsers(cloud: Cloud, _scope: SearchScope, q: SearchQuery): Promise<SearchHit[]> {
  const rows = q.uuid
    ? await byId(() => cloud.keystone.users.get(q.text))
    : await cloud.keystone.users.list();
  const hits = rows.map((u) => ({
    id: u.id,
    name: u.name,
    status: enabledStatus(u.enabled),
    detail: u.email ?? null,
  }));
  return q.uuid ? hits : bestMatches(q.text, hits, q.limit);
}
