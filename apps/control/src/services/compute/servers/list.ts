import { ZenithError } from "@zenith/core/errors";
import type { Prisma, PrismaClient } from "@zenith/db/client";
import type { Instance } from "@zenith/db/generated";
import { checkFilterPattern } from "../../filter-pattern.ts";
import { inOrder } from "../../json-rows.ts";
import type { Caller } from "./caller.ts";
import type { InstanceWithHost } from "./lookup.ts";
import { instancesWithHost } from "./rows.ts";
import { statusWhere } from "./states.ts";

/** Nova's `[api] max_limit`: pages never hold more. */
export const MAX_PAGE = 1000;

type Dir = "asc" | "desc";
type Range<V> = { lt?: V; gt?: V; equals?: V };

interface SortField {
  order(dir: Dir): Prisma.InstanceOrderByWithRelationInput;
  /** Rows strictly after the marker in this order (keyset pagination; ids break ties). */
  after(marker: Instance, dir: Dir): Prisma.InstanceWhereInput;
}

function field<V>(
  value: (i: Instance) => V,
  where: (range: Range<V>) => Prisma.InstanceWhereInput,
  order: (dir: Dir) => Prisma.InstanceOrderByWithRelationInput,
): SortField {
  return {
    order,
    after(marker, dir) {
      const v = value(marker);
      const beyond: Range<V> = dir === "desc" ? { lt: v } : { gt: v };
      const id = dir === "desc" ? { lt: marker.id } : { gt: marker.id };
      return { OR: [where(beyond), { AND: [where({ equals: v }), { id }] }] };
    },
  };
}

/** Nova's sort keys that are never NULL (so keyset pagination stays exact). */
export const SORT_FIELDS = {
  created_at: field(
    (i) => i.createdAt,
    (r) => ({ createdAt: r }),
    (d) => ({ createdAt: d }),
  ),
  updated_at: field(
    (i) => i.updatedAt,
    (r) => ({ updatedAt: r }),
    (d) => ({ updatedAt: d }),
  ),
  display_name: field(
    (i) => i.name,
    (r) => ({ name: r }),
    (d) => ({ name: d }),
  ),
  uuid: field(
    (i) => i.id,
    (r) => ({ id: r }),
    (d) => ({ id: d }),
  ),
  vm_state: field(
    (i) => i.vmState,
    (r) => ({ vmState: r }),
    (d) => ({ vmState: d }),
  ),
  power_state: field(
    (i) => i.powerState,
    (r) => ({ powerState: r }),
    (d) => ({ powerState: d }),
  ),
  hostname: field(
    (i) => i.hostname,
    (r) => ({ hostname: r }),
    (d) => ({ hostname: d }),
  ),
  project_id: field(
    (i) => i.projectId,
    (r) => ({ projectId: r }),
    (d) => ({ projectId: d }),
  ),
  user_id: field(
    (i) => i.userId,
    (r) => ({ userId: r }),
    (d) => ({ userId: d }),
  ),
} satisfies Record<string, SortField>;
export type SortKey = keyof typeof SORT_FIELDS;

export interface ListServersQuery {
  name?: string | undefined;
  status?: string | undefined;
  image?: string | undefined;
  flavor?: string | undefined;
  changesSince?: Date | undefined;
  /** 2.66+: changed at or before; like changes-since, it lists deleted servers too. */
  changesBefore?: Date | undefined;
  /** Nova's `ip` / `ip6`: a regular expression matched at the start of the server's IPv4 / IPv6 addresses. */
  ip?: string | undefined;
  ip6?: string | undefined;
  /** Admin-only filters (the HTTP layer drops or refuses them for others). */
  host?: string | undefined;
  allTenants?: boolean;
  projectId?: string | undefined;
  deleted?: boolean | undefined;
  sortKey: SortKey;
  sortDir: Dir;
  limit?: number | undefined;
  marker?: string | undefined;
}

export interface ServerPage {
  servers: InstanceWithHost[];
  /** The marker for the next page, when this one is full. */
  nextMarker: string | null;
}

/** A listing's one page: the where clause, order and size every variant below reads with. */
interface PagePlan {
  where: Prisma.InstanceWhereInput;
  orderBy: Prisma.InstanceOrderByWithRelationInput[];
  take: number;
}

/**
 * Server listings: every filter is a where clause on indexed columns and
 * pages are keyset-based (marker → "after this row"), so a page costs the
 * same whatever the offset. Null where the filters can match nothing.
 */
async function pagePlan(prisma: PrismaClient, caller: Caller, q: ListServersQuery): Promise<PagePlan | null> {
  const and: Prisma.InstanceWhereInput[] = [];
  if (!caller.admin) and.push({ projectId: caller.projectId });
  else if (q.projectId !== undefined) and.push({ projectId: q.projectId });
  else if (!q.allTenants) and.push({ projectId: caller.projectId });

  // Nova lists deleted servers only on request (admins) or with changes-since.
  if (caller.admin && q.deleted === true) and.push({ deletedAt: { not: null } });
  else if (q.changesSince === undefined && q.changesBefore === undefined) and.push({ deletedAt: null });
  if (q.changesSince !== undefined) and.push({ updatedAt: { gte: q.changesSince } });
  if (q.changesBefore !== undefined) and.push({ updatedAt: { lte: q.changesBefore } });

  if (q.status !== undefined) {
    const where = statusWhere(q.status);
    if (where === null) return null;
    and.push(where);
  }
  if (q.image !== undefined) and.push({ imageId: q.image });
  if (q.flavor !== undefined) and.push({ flavorId: q.flavor });
  if (caller.admin && q.host !== undefined) and.push({ host: { host: q.host } });
  if (q.name !== undefined) and.push({ id: { in: await idsMatchingName(prisma, q.name, and) } });
  if (q.ip !== undefined) and.push({ id: { in: await idsMatchingAddress(prisma, q.ip, 4) } });
  if (q.ip6 !== undefined) and.push({ id: { in: await idsMatchingAddress(prisma, q.ip6, 6) } });

  const sort = SORT_FIELDS[q.sortKey];
  if (q.marker !== undefined) {
    const marker = await prisma.instance.findUnique({ where: { id: q.marker } });
    if (!marker || (!caller.admin && marker.projectId !== caller.projectId)) {
      throw ZenithError.badRequest(`marker [${q.marker}] not found`);
    }
    and.push(sort.after(marker, q.sortDir));
  }
  const take = Math.min(q.limit ?? MAX_PAGE, MAX_PAGE);
  if (take === 0) return null;
  return { where: { AND: and }, orderBy: [sort.order(q.sortDir), { id: q.sortDir }], take };
}

function nextMarker(plan: PagePlan, ids: readonly { id: string }[]): string | null {
  const last = ids.at(-1);
  return ids.length === plan.take && last ? last.id : null;
}

/** `GET /servers/detail`: the page's ids (cheap), then their content and hosts in one JSON query (json-rows.ts). */
export async function listServers(
  prisma: PrismaClient,
  caller: Caller,
  q: ListServersQuery,
): Promise<ServerPage> {
  const plan = await pagePlan(prisma, caller, q);
  if (plan === null) return { servers: [], nextMarker: null };
  const ids = await prisma.instance.findMany({ ...plan, select: { id: true } });
  const rows = inOrder(
    ids.map((r) => r.id),
    await instancesWithHost(
      prisma,
      ids.map((r) => r.id),
    ),
  );
  return { servers: rows, nextMarker: nextMarker(plan, ids) };
}

export interface ServerSummary {
  id: string;
  name: string;
}

/**
 * `GET /servers`: ids and names only, in one query. Clients page through
 * it to count (the portal's instances by state, at thousands of servers),
 * where loading every row's content cost most of the time.
 */
export async function listServerSummaries(
  prisma: PrismaClient,
  caller: Caller,
  q: ListServersQuery,
): Promise<{ servers: ServerSummary[]; nextMarker: string | null }> {
  const plan = await pagePlan(prisma, caller, q);
  if (plan === null) return { servers: [], nextMarker: null };
  const servers = await prisma.instance.findMany({ ...plan, select: { id: true, name: true } });
  return { servers, nextMarker: nextMarker(plan, servers) };
}

/**
 * Nova's `name` filter is a regular expression (PostgreSQL `~`), which
 * Prisma cannot express: the ids come from one raw query, narrowed by
 * project when the listing is.
 */
async function idsMatchingName(
  prisma: PrismaClient,
  pattern: string,
  scope: Prisma.InstanceWhereInput[],
): Promise<string[]> {
  checkFilterPattern(pattern, "name", "regex");
  const project = scope.find((w): w is { projectId: string } => typeof w.projectId === "string");
  try {
    const rows = project
      ? await prisma.$queryRaw<Array<{ id: string }>>`
          SELECT id FROM instance WHERE project_id = ${project.projectId} AND name ~ ${pattern}`
      : await prisma.$queryRaw<Array<{ id: string }>>`SELECT id FROM instance WHERE name ~ ${pattern}`;
    return rows.map((r) => r.id);
  } catch {
    throw ZenithError.badRequest(`Invalid regular expression in name filter: ${pattern}`);
  }
}

/**
 * Nova's `ip`/`ip6` filters: `re.match` of the pattern on each fixed and
 * floating address of the server's ports (so anchored at the start), for
 * one IP version. The project scope comes from the listing's other clauses.
 */
async function idsMatchingAddress(prisma: PrismaClient, pattern: string, version: 4 | 6): Promise<string[]> {
  const param = version === 4 ? "ip" : "ip6";
  checkFilterPattern(pattern, param, "regex");
  const anchored = `^(?:${pattern})`;
  const family = version === 4 ? "%.%" : "%:%";
  try {
    const rows = await prisma.$queryRaw<Array<{ id: string }>>`
      SELECT DISTINCT p.device_id AS id FROM port p
        LEFT JOIN ip_allocation a ON a.port_id = p.id
        LEFT JOIN floating_ip f ON f.port_id = p.id
      WHERE p.device_owner LIKE 'compute:%'
        AND ((a.ip_address LIKE ${family} AND a.ip_address ~ ${anchored})
          OR (f.floating_ip_address LIKE ${family} AND f.floating_ip_address ~ ${anchored}))`;
    return rows.map((r) => r.id);
  } catch {
    throw ZenithError.badRequest(`Invalid regular expression in ${param} filter: ${pattern}`);
  }
}
