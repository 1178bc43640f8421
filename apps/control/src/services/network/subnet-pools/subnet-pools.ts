/**
 * Subnet pools (Neutron's subnet_allocation extension): CRUD with upstream's
 * rules, and the allocation of a free prefix for a subnet created with
 * `subnetpool_id`. Knows nothing of HTTP.
 */
import { randomUUID } from "node:crypto";
import type { Prisma, PrismaClient } from "@zenith/db/client";
import type { SubnetPool } from "@zenith/db/generated";
import { authorizeNetwork, isNetworkAdmin, type NetworkAction } from "../../../policy/network.ts";
import type { AuthContext } from "../../identity/auth-context.ts";
import { scopedProjectId } from "../../identity/auth-context.ts";
import { owningProject } from "../caller.ts";
import { TX_OPTIONS } from "../deps.ts";
import {
  defaultPoolExists,
  illegalBounds,
  illegalPrefixUpdate,
  invalidPoolInput,
  poolAllocationFailed,
  subnetPoolInUse,
  subnetPoolNotFound,
  subnetPoolQuotaExceeded,
  subnetsBadRequest,
} from "./errors.ts";
import {
  contains,
  defaultMinPrefixlenOf,
  firstFreeBlock,
  type IpVersion,
  maxPrefixlenOf,
  mergePrefixes,
  overlaps,
  type Prefix,
  parsePrefix,
  versionOf,
} from "./prefixes.ts";

type Tx = Prisma.TransactionClient;

/** The writable attributes, already checked for shape at the edge. */
export interface PoolFields {
  name?: string | undefined;
  description?: string | undefined;
  prefixes?: string[] | undefined;
  default_prefixlen?: number | undefined;
  min_prefixlen?: number | undefined;
  max_prefixlen?: number | undefined;
  /** Create only: upstream does not let a pool's sharing change. */
  shared?: boolean | undefined;
  is_default?: boolean | undefined;
  default_quota?: number | null | undefined;
  address_scope_id?: string | null | undefined;
  tags?: string[] | undefined;
  /** Create only: admins may create a pool for another project. */
  project_id?: string | undefined;
}

const poolTarget = (pool: SubnetPool) => ({ projectId: pool.projectId, shared: pool.shared });

/** Neutron's IllegalSubnetPoolPrefixBounds / defaults (SubnetPoolReader._read_prefix_bounds). */
function bounds(
  version: IpVersion,
  fields: PoolFields,
  current?: { min: number; max: number; def: number },
): { min: number; max: number; def: number } {
  const min = fields.min_prefixlen ?? current?.min ?? defaultMinPrefixlenOf(version);
  const max = fields.max_prefixlen ?? current?.max ?? maxPrefixlenOf(version);
  const def = fields.default_prefixlen ?? current?.def ?? min;
  const top = maxPrefixlenOf(version);
  for (const [name, value] of [
    ["min_prefixlen", min],
    ["max_prefixlen", max],
    ["default_prefixlen", def],
  ] as const) {
    if (value < 0 || value > top) throw illegalBounds(name, value, "max_prefixlen", top);
  }
  if (min > max) throw illegalBounds("min_prefixlen", min, "max_prefixlen", max);
  if (def < min) throw illegalBounds("default_prefixlen", def, "min_prefixlen", min);
  if (def > max) throw illegalBounds("default_prefixlen", def, "max_prefixlen", max);
  return { min, max, def };
}

function checkQuota(value: number | null | undefined): void {
  if (value !== undefined && value !== null && value < 0) {
    throw invalidPoolInput(`'${value}' should be non-negative for default_quota`);
  }
}

function checkAddressScope(value: string | null | undefined): void {
  // Address scopes are not served (no address-scope extension): only null is meaningful.
  if (value !== undefined && value !== null) {
    throw invalidPoolInput(
      "address scopes are not served (no address-scope extension): address_scope_id must be null",
    );
  }
}

/** The pools the caller sees: its project's, shared ones, every one for a cloud admin. */
export function visiblePools(ctx: AuthContext): Prisma.SubnetPoolWhereInput {
  if (isNetworkAdmin(ctx)) return {};
  const project = scopedProjectId(ctx);
  if (project === null) return { id: { in: [] } };
  return { OR: [{ projectId: project }, { shared: true }] };
}

export class SubnetPoolService {
  constructor(private readonly prisma: PrismaClient) {}

  async get(ctx: AuthContext, id: string, db: Tx | PrismaClient = this.prisma): Promise<SubnetPool> {
    const pool = await db.subnetPool.findFirst({ where: { AND: [{ id }, visiblePools(ctx)] } });
    if (!pool) throw subnetPoolNotFound(id);
    return pool;
  }

  async list(ctx: AuthContext, ids?: string[] | undefined): Promise<SubnetPool[]> {
    return this.prisma.subnetPool.findMany({
      where: { AND: [visiblePools(ctx), ids ? { id: { in: ids } } : {}] },
      orderBy: { id: "asc" },
    });
  }

  async create(ctx: AuthContext, fields: PoolFields): Promise<SubnetPool> {
    const projectId = owningProject(ctx, fields.project_id);
    const target = { projectId, shared: fields.shared ?? false };
    authorizeNetwork(ctx, "create_subnetpool", target);
    if (fields.shared !== undefined) authorizeNetwork(ctx, "create_subnetpool:shared", target);
    if (fields.is_default !== undefined) authorizeNetwork(ctx, "create_subnetpool:is_default", target);
    checkQuota(fields.default_quota);
    checkAddressScope(fields.address_scope_id);
    const parsed = (fields.prefixes ?? []).map(parsePrefix);
    const version = versionOf(parsed);
    const b = bounds(version, fields);
    const prefixes = mergePrefixes(parsed).map((p) => p.cidr);
    return this.prisma.$transaction(async (tx) => {
      if (fields.is_default) await this.checkNoOtherDefault(tx, version, null);
      return tx.subnetPool.create({
        data: {
          id: randomUUID(),
          projectId,
          name: fields.name ?? "",
          description: fields.description ?? "",
          ipVersion: version,
          prefixes,
          defaultPrefixlen: b.def,
          minPrefixlen: b.min,
          maxPrefixlen: b.max,
          shared: fields.shared ?? false,
          isDefault: fields.is_default ?? false,
          defaultQuota: fields.default_quota ?? null,
          tags: fields.tags ?? [],
        },
      });
    }, TX_OPTIONS);
  }

  async update(ctx: AuthContext, id: string, fields: PoolFields): Promise<SubnetPool> {
    checkQuota(fields.default_quota);
    checkAddressScope(fields.address_scope_id);
    return this.prisma.$transaction(async (tx) => {
      const pool = await this.lockOwned(tx, ctx, id, "update_subnetpool");
      if (fields.is_default !== undefined) {
        authorizeNetwork(ctx, "update_subnetpool:is_default", poolTarget(pool));
      }
      const version = pool.ipVersion === 6 ? 6 : 4;
      const b = bounds(version, fields, {
        min: pool.minPrefixlen,
        max: pool.maxPrefixlen,
        def: pool.defaultPrefixlen,
      });
      let prefixes = pool.prefixes;
      if (fields.prefixes !== undefined) {
        const next = fields.prefixes.map(parsePrefix);
        if (versionOf(next) !== version)
          throw invalidPoolInput("Cannot mix IPv4 and IPv6 prefixes in a subnet pool.");
        const merged = mergePrefixes(next);
        // Upstream: an update may add prefixes, never drop one (use remove_prefixes).
        const lost = pool.prefixes.map(parsePrefix).filter((old) => !merged.some((p) => contains(p, old)));
        if (lost.length > 0) {
          throw illegalPrefixUpdate(
            `Existing prefixes must be a subset of the new prefixes (${lost.map((p) => p.cidr).join(", ")} would be dropped)`,
          );
        }
        prefixes = merged.map((p) => p.cidr);
      }
      if (fields.is_default) await this.checkNoOtherDefault(tx, version, pool.id);
      return tx.subnetPool.update({
        where: { id: pool.id },
        data: {
          ...(fields.name !== undefined ? { name: fields.name } : {}),
          ...(fields.description !== undefined ? { description: fields.description } : {}),
          ...(fields.is_default !== undefined ? { isDefault: fields.is_default } : {}),
          ...(fields.default_quota !== undefined ? { defaultQuota: fields.default_quota } : {}),
          ...(fields.tags !== undefined ? { tags: fields.tags } : {}),
          prefixes,
          minPrefixlen: b.min,
          maxPrefixlen: b.max,
          defaultPrefixlen: b.def,
          revisionNumber: { increment: 1 },
        },
      });
    }, TX_OPTIONS);
  }

  /** PUT /subnetpools/{id}/add_prefixes: the merged prefix list. */
  async addPrefixes(ctx: AuthContext, id: string, add: string[]): Promise<SubnetPool> {
    return this.prisma.$transaction(async (tx) => {
      const pool = await this.lockOwned(tx, ctx, id, "update_subnetpool");
      const extra = add.map(parsePrefix);
      if (extra.length > 0 && versionOf(extra) !== pool.ipVersion) {
        throw invalidPoolInput("Cannot mix IPv4 and IPv6 prefixes in a subnet pool.");
      }
      const prefixes = mergePrefixes([...pool.prefixes.map(parsePrefix), ...extra]).map((p) => p.cidr);
      return tx.subnetPool.update({
        where: { id: pool.id },
        data: { prefixes, revisionNumber: { increment: 1 } },
      });
    }, TX_OPTIONS);
  }

  /**
   * PUT /subnetpools/{id}/remove_prefixes: drops whole prefixes of the pool
   * that no subnet uses (upstream refuses to shrink under an allocation).
   */
  async removePrefixes(ctx: AuthContext, id: string, remove: string[]): Promise<SubnetPool> {
    return this.prisma.$transaction(async (tx) => {
      const pool = await this.lockOwned(tx, ctx, id, "update_subnetpool");
      const gone = remove.map(parsePrefix);
      const used = await this.allocated(tx, pool.id);
      const inUse = used.filter((u) => gone.some((g) => overlaps(g, u)));
      if (inUse.length > 0) {
        throw illegalPrefixUpdate(`${inUse.map((u) => u.cidr).join(", ")} is allocated to a subnet`);
      }
      const kept = pool.prefixes.map(parsePrefix).filter((p) => !gone.some((g) => contains(g, p)));
      if (kept.length === 0) throw illegalPrefixUpdate("a subnet pool needs at least one prefix");
      return tx.subnetPool.update({
        where: { id: pool.id },
        data: { prefixes: mergePrefixes(kept).map((p) => p.cidr), revisionNumber: { increment: 1 } },
      });
    }, TX_OPTIONS);
  }

  async delete(ctx: AuthContext, id: string): Promise<void> {
    await this.prisma.$transaction(async (tx) => {
      const pool = await this.lockOwned(tx, ctx, id, "delete_subnetpool");
      const inUse = await tx.subnet.count({ where: { subnetpoolId: pool.id } });
      if (inUse > 0) throw subnetPoolInUse(id, "Subnets are still allocated from it");
      await tx.subnetPool.delete({ where: { id: pool.id } });
    }, TX_OPTIONS);
  }

  /**
   * The pool a new subnet takes its CIDR from: the one it names, or the
   * default pool of its IP version (`use_default_subnetpool`); null for a
   * subnet with a CIDR of its own, which then must name one.
   */
  async poolIdFor(
    ctx: AuthContext,
    input: {
      subnetpoolId?: string | null | undefined;
      useDefaultSubnetpool?: boolean | undefined;
      ipVersion?: number | undefined;
      cidr?: string | undefined;
      prefixlen?: number | undefined;
    },
  ): Promise<string | null> {
    if (input.subnetpoolId) return (await this.usable(ctx, input.subnetpoolId, this.prisma)).id;
    if (input.useDefaultSubnetpool) {
      const version = input.ipVersion ?? 4;
      const pool = await this.prisma.subnetPool.findFirst({ where: { isDefault: true, ipVersion: version } });
      if (!pool) throw subnetsBadRequest(`No default subnetpool found for IPv${version}`);
      return pool.id;
    }
    if (input.prefixlen !== undefined) throw subnetsBadRequest("prefixlen is only valid with a subnetpool");
    if (input.cidr === undefined)
      throw subnetsBadRequest("a subnetpool must be specified in the absence of a cidr");
    return null;
  }

  /** A pool a subnet may draw from: one the caller sees, or the default pool of its family (for every project). */
  private async usable(ctx: AuthContext, id: string, db: Tx | PrismaClient): Promise<SubnetPool> {
    const pool = await db.subnetPool.findFirst({
      // (An admin's empty filter must not go inside OR: Prisma reads `OR: [{}]` as matching nothing.)
      where: isNetworkAdmin(ctx)
        ? { id }
        : { AND: [{ id }, { OR: [visiblePools(ctx), { isDefault: true }] }] },
    });
    if (!pool) throw subnetPoolNotFound(id);
    return pool;
  }

  /**
   * The CIDR of a new subnet taken from `poolId`, inside the caller's
   * transaction: the pool row stays locked until that transaction ends, so
   * two concurrent subnets never get the same block. `cidr` asks for a
   * given block; otherwise the lowest free block of `prefixlen` (default:
   * the pool's default_prefixlen).
   */
  async allocate(
    tx: Tx,
    ctx: AuthContext,
    poolId: string,
    projectId: string,
    request: { ipVersion?: number | undefined; cidr?: string | undefined; prefixlen?: number | undefined },
  ): Promise<{ pool: SubnetPool; cidr: string }> {
    const pool = await this.locked(tx, await this.usable(ctx, poolId, tx));
    if (request.ipVersion !== undefined && request.ipVersion !== pool.ipVersion) {
      throw invalidPoolInput(
        `Cannot allocate IPv${request.ipVersion} subnet from IPv${pool.ipVersion} subnet pool ${pool.id}`,
      );
    }
    const prefixes = pool.prefixes.map(parsePrefix);
    const used = await this.allocated(tx, pool.id);
    if (request.cidr !== undefined) {
      const wanted = parsePrefix(request.cidr);
      this.checkLength(pool, wanted.length);
      if (!prefixes.some((p) => contains(p, wanted))) {
        throw poolAllocationFailed("Cannot allocate requested subnet from the available set of prefixes");
      }
      if (used.some((u) => overlaps(u, wanted))) {
        throw poolAllocationFailed(`${wanted.cidr} overlaps a subnet allocated from subnet pool ${pool.id}`);
      }
      return { pool, cidr: wanted.cidr };
    }
    const length = request.prefixlen ?? pool.defaultPrefixlen;
    this.checkLength(pool, length);
    const block = firstFreeBlock(prefixes, used, length);
    if (!block) throw poolAllocationFailed(`Insufficient prefix space to allocate subnet size /${length}`);
    if (pool.defaultQuota !== null) await this.checkPoolQuota(tx, pool, projectId, block);
    return { pool, cidr: block.cidr };
  }

  private checkLength(pool: SubnetPool, length: number): void {
    if (length < pool.minPrefixlen || length > pool.maxPrefixlen) {
      throw poolAllocationFailed(
        `Unable to allocate subnet with prefix length ${length}, minimum allowed prefix is ${pool.minPrefixlen}, maximum allowed prefix is ${pool.maxPrefixlen}`,
      );
    }
  }

  /** default_quota counts addresses for IPv4 and /64 blocks for IPv6, per project (upstream's quota units). */
  private async checkPoolQuota(tx: Tx, pool: SubnetPool, projectId: string, block: Prefix): Promise<void> {
    const unitBits = pool.ipVersion === 4 ? 32 : 64;
    const units = (p: Prefix) => 2n ** BigInt(Math.max(0, unitBits - p.length));
    const mine = await tx.subnet.findMany({
      where: { subnetpoolId: pool.id, projectId },
      select: { cidr: true },
    });
    const total = mine.map((s) => parsePrefix(s.cidr)).reduce((sum, p) => sum + units(p), units(block));
    if (total > BigInt(pool.defaultQuota ?? 0)) throw subnetPoolQuotaExceeded();
  }

  private async allocated(tx: Tx, poolId: string): Promise<Prefix[]> {
    const rows = await tx.subnet.findMany({ where: { subnetpoolId: poolId }, select: { cidr: true } });
    return rows.map((r) => parsePrefix(r.cidr));
  }

  /** The pool, locked for this transaction, once policy allows `action` on it. */
  private async lockOwned(tx: Tx, ctx: AuthContext, id: string, action: NetworkAction): Promise<SubnetPool> {
    const pool = await this.get(ctx, id, tx);
    authorizeNetwork(ctx, action, poolTarget(pool));
    return this.locked(tx, pool);
  }

  /** Locks the pool's row until the transaction ends and reads it again (it may have changed meanwhile). */
  private async locked(tx: Tx, pool: SubnetPool): Promise<SubnetPool> {
    await tx.$executeRaw`SELECT id FROM subnet_pool WHERE id = ${pool.id} FOR UPDATE`;
    const fresh = await tx.subnetPool.findUnique({ where: { id: pool.id } });
    if (!fresh) throw subnetPoolNotFound(pool.id);
    return fresh;
  }

  private async checkNoOtherDefault(tx: Tx, version: IpVersion, exceptId: string | null): Promise<void> {
    await tx.$executeRaw`SELECT pg_advisory_xact_lock(hashtext(${`subnetpool-default:${version}`}))`;
    const other = await tx.subnetPool.findFirst({
      where: { ipVersion: version, isDefault: true, ...(exceptId ? { NOT: { id: exceptId } } : {}) },
    });
    if (other) throw defaultPoolExists();
  }
}
