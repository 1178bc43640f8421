/**
 * Subnet pools (Neutron's subnet_allocation extension): CRUD with upstream's
 * rules, and the allocation of a free prefix for a subnet created with
 * `subnetpool_id`. Knows nothing of HTTP.
 */
import { randomUUID } from "node:crypto";
import { ZenithError } from "@zenith/core/errors";
import type { Prisma, PrismaClient } from "@zenith/db/client";
import type { SubnetPool } from "@zenith/db/generated";
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

/** Who asks: the token's project, and whether it may act on every project. */
export interface PoolCaller {
  projectId: string;
  isAdmin: boolean;
}

/** The writable attributes, already checked for shape at the edge. */
export interface PoolFields {
  name?: string | undefined;
  description?: string | undefined;
  prefixes?: string[] | undefined;
  default_prefixlen?: number | undefined;
  min_prefixlen?: number | undefined;
  max_prefixlen?: number | undefined;
  shared?: boolean | undefined;
  is_default?: boolean | undefined;
  default_quota?: number | null | undefined;
  address_scope_id?: string | null | undefined;
  /** Create only: admins may create a pool for another project. */
  project_id?: string | undefined;
}

const notFound = (id: string) => new ZenithError("NOT_FOUND", `Subnet pool ${id} could not be found.`);

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
    if (value < 0 || value > top) {
      throw ZenithError.badRequest(`Illegal prefix bound: ${name}=${value}, must be within [0, ${top}]`);
    }
  }
  if (min > max) {
    throw ZenithError.badRequest(`Illegal prefix bounds: min_prefixlen=${min}, max_prefixlen=${max}`);
  }
  if (def < min || def > max) {
    throw ZenithError.badRequest(
      `Illegal prefix bounds: default_prefixlen=${def} is not within [min_prefixlen=${min}, max_prefixlen=${max}]`,
    );
  }
  return { min, max, def };
}

function checkQuota(value: number | null | undefined): void {
  if (value !== undefined && value !== null && value < 0) {
    throw ZenithError.badRequest(`Invalid input for default_quota: ${value} is negative`);
  }
}

function checkAddressScope(value: string | null | undefined): void {
  // Address scopes are not served (no address-scope extension): only null is meaningful.
  if (value !== undefined && value !== null) {
    throw ZenithError.badRequest("Address scopes are not supported: address_scope_id must be null");
  }
}

export class SubnetPoolService {
  constructor(private readonly prisma: PrismaClient) {}

  /** The pools the caller sees: its own, shared ones, all for an admin. */
  visibleWhere(caller: PoolCaller): Prisma.SubnetPoolWhereInput {
    return caller.isAdmin ? {} : { OR: [{ projectId: caller.projectId }, { shared: true }] };
  }

  async get(caller: PoolCaller, id: string, db: Tx | PrismaClient = this.prisma): Promise<SubnetPool> {
    const pool = await db.subnetPool.findFirst({ where: { AND: [{ id }, this.visibleWhere(caller)] } });
    if (!pool) throw notFound(id);
    return pool;
  }

  async list(caller: PoolCaller, where: Prisma.SubnetPoolWhereInput = {}): Promise<SubnetPool[]> {
    return this.prisma.subnetPool.findMany({
      where: { AND: [this.visibleWhere(caller), where] },
      orderBy: { id: "asc" },
    });
  }

  async create(caller: PoolCaller, fields: PoolFields): Promise<SubnetPool> {
    const projectId = fields.project_id ?? caller.projectId;
    if (projectId !== caller.projectId && !caller.isAdmin) {
      throw new ZenithError("FORBIDDEN", "Only an admin may create a subnet pool for another project");
    }
    if (fields.shared && !caller.isAdmin) {
      throw new ZenithError("FORBIDDEN", "Only an admin may create a shared subnet pool");
    }
    if (fields.is_default && !caller.isAdmin) {
      throw new ZenithError("FORBIDDEN", "Only an admin may create a default subnet pool");
    }
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
        },
      });
    });
  }

  async update(caller: PoolCaller, id: string, fields: PoolFields): Promise<SubnetPool> {
    if (fields.project_id !== undefined)
      throw ZenithError.badRequest("Cannot update read-only attribute project_id");
    checkQuota(fields.default_quota);
    checkAddressScope(fields.address_scope_id);
    return this.prisma.$transaction(async (tx) => {
      const pool = await this.lockOwned(tx, caller, id);
      if (fields.shared !== undefined && fields.shared !== pool.shared && !caller.isAdmin) {
        throw new ZenithError("FORBIDDEN", "Only an admin may change whether a subnet pool is shared");
      }
      if (fields.is_default !== undefined && fields.is_default !== pool.isDefault && !caller.isAdmin) {
        throw new ZenithError("FORBIDDEN", "Only an admin may change whether a subnet pool is the default");
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
        if (versionOf(next) !== version) {
          throw ZenithError.badRequest(`Cannot mix IPv${version} prefixes with IPv${versionOf(next)} ones`);
        }
        const merged = mergePrefixes(next);
        // Upstream: an update may add prefixes, never drop one (use remove_prefixes).
        const lost = pool.prefixes.map(parsePrefix).filter((old) => !merged.some((p) => contains(p, old)));
        if (lost.length > 0) {
          throw ZenithError.badRequest(
            `Illegal update to prefixes: existing prefixes ${lost.map((p) => p.cidr).join(", ")} must remain covered`,
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
          ...(fields.shared !== undefined ? { shared: fields.shared } : {}),
          ...(fields.is_default !== undefined ? { isDefault: fields.is_default } : {}),
          ...(fields.default_quota !== undefined ? { defaultQuota: fields.default_quota } : {}),
          prefixes,
          minPrefixlen: b.min,
          maxPrefixlen: b.max,
          defaultPrefixlen: b.def,
          revisionNumber: { increment: 1 },
        },
      });
    });
  }

  /** PUT /subnetpools/{id}/add_prefixes: the merged prefix list. */
  async addPrefixes(caller: PoolCaller, id: string, add: string[]): Promise<SubnetPool> {
    return this.prisma.$transaction(async (tx) => {
      const pool = await this.lockOwned(tx, caller, id);
      const extra = add.map(parsePrefix);
      if (extra.length > 0 && versionOf(extra) !== pool.ipVersion) {
        throw ZenithError.badRequest(
          `Cannot add IPv${versionOf(extra)} prefixes to an IPv${pool.ipVersion} pool`,
        );
      }
      const prefixes = mergePrefixes([...pool.prefixes.map(parsePrefix), ...extra]).map((p) => p.cidr);
      return tx.subnetPool.update({
        where: { id: pool.id },
        data: { prefixes, revisionNumber: { increment: 1 } },
      });
    });
  }

  /**
   * PUT /subnetpools/{id}/remove_prefixes: drops whole prefixes of the pool
   * that no subnet uses (upstream refuses to shrink under an allocation).
   */
  async removePrefixes(caller: PoolCaller, id: string, remove: string[]): Promise<SubnetPool> {
    return this.prisma.$transaction(async (tx) => {
      const pool = await this.lockOwned(tx, caller, id);
      const gone = remove.map(parsePrefix);
      const used = await this.allocated(tx, pool.id);
      const inUse = used.filter((u) => gone.some((g) => overlaps(g, u)));
      if (inUse.length > 0) {
        throw ZenithError.badRequest(
          `Illegal update to prefixes: ${inUse.map((u) => u.cidr).join(", ")} is in use by a subnet`,
        );
      }
      const kept = pool.prefixes.map(parsePrefix).filter((p) => !gone.some((g) => contains(g, p)));
      if (kept.length === 0) throw ZenithError.badRequest("A subnet pool needs at least one prefix");
      return tx.subnetPool.update({
        where: { id: pool.id },
        data: { prefixes: mergePrefixes(kept).map((p) => p.cidr), revisionNumber: { increment: 1 } },
      });
    });
  }

  async delete(caller: PoolCaller, id: string): Promise<void> {
    await this.prisma.$transaction(async (tx) => {
      const pool = await this.lockOwned(tx, caller, id);
      const inUse = await tx.subnet.count({ where: { subnetpoolId: pool.id } });
      if (inUse > 0) {
        throw new ZenithError(
          "CONFLICT",
          `Unable to complete operation on subnet pool ${id}. ${inUse} subnet(s) are allocated from it.`,
        );
      }
      await tx.subnetPool.delete({ where: { id: pool.id } });
    });
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
    caller: PoolCaller,
    poolId: string,
    request: { ipVersion?: number | undefined; cidr?: string | undefined; prefixlen?: number | undefined },
  ): Promise<{ pool: SubnetPool; cidr: string }> {
    const pool = await this.locked(tx, await this.get(caller, poolId, tx));
    if (request.ipVersion !== undefined && request.ipVersion !== pool.ipVersion) {
      throw ZenithError.badRequest(
        `Cannot allocate IPv${request.ipVersion} subnet from IPv${pool.ipVersion} subnet pool ${pool.id}`,
      );
    }
    const prefixes = pool.prefixes.map(parsePrefix);
    const used = await this.allocated(tx, pool.id);
    if (request.cidr !== undefined) {
      const wanted = parsePrefix(request.cidr);
      this.checkLength(pool, wanted.length);
      if (!prefixes.some((p) => contains(p, wanted))) {
        throw ZenithError.badRequest(
          `Failed to allocate subnet: ${wanted.cidr} is not in subnet pool ${pool.id}`,
        );
      }
      if (used.some((u) => overlaps(u, wanted))) {
        throw ZenithError.badRequest(
          `Failed to allocate subnet: ${wanted.cidr} overlaps a subnet of the pool`,
        );
      }
      return { pool, cidr: wanted.cidr };
    }
    const length = request.prefixlen ?? pool.defaultPrefixlen;
    this.checkLength(pool, length);
    const block = firstFreeBlock(prefixes, used, length);
    if (!block) {
      throw new ZenithError("CONFLICT", `Insufficient prefix space to allocate subnet size /${length}`);
    }
    if (pool.defaultQuota !== null) await this.checkPoolQuota(tx, pool, caller.projectId, block);
    return { pool, cidr: block.cidr };
  }

  private checkLength(pool: SubnetPool, length: number): void {
    if (length < pool.minPrefixlen || length > pool.maxPrefixlen) {
      throw ZenithError.badRequest(
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
    if (total > BigInt(pool.defaultQuota ?? 0)) {
      throw new ZenithError(
        "CONFLICT",
        `Allocation from subnet pool ${pool.id} would exceed its quota of ${pool.defaultQuota} for project ${projectId}`,
      );
    }
  }

  private async allocated(tx: Tx, poolId: string): Promise<Prefix[]> {
    const rows = await tx.subnet.findMany({ where: { subnetpoolId: poolId }, select: { cidr: true } });
    return rows.map((r) => parsePrefix(r.cidr));
  }

  /** The pool, locked for this transaction; only its project or an admin may change it. */
  private async lockOwned(tx: Tx, caller: PoolCaller, id: string): Promise<SubnetPool> {
    const pool = await this.get(caller, id, tx);
    if (!caller.isAdmin && pool.projectId !== caller.projectId) {
      throw new ZenithError("FORBIDDEN", `Subnet pool ${id} belongs to another project`);
    }
    return this.locked(tx, pool);
  }

  /** Locks the pool's row until the transaction ends and reads it again (it may have changed meanwhile). */
  private async locked(tx: Tx, pool: SubnetPool): Promise<SubnetPool> {
    await tx.$executeRaw`SELECT id FROM subnet_pool WHERE id = ${pool.id} FOR UPDATE`;
    const fresh = await tx.subnetPool.findUnique({ where: { id: pool.id } });
    if (!fresh) throw notFound(pool.id);
    return fresh;
  }

  private async checkNoOtherDefault(tx: Tx, version: IpVersion, exceptId: string | null): Promise<void> {
    await tx.$executeRaw`SELECT pg_advisory_xact_lock(hashtext(${`subnetpool-default:${version}`}))`;
    const other = await tx.subnetPool.findFirst({
      where: { ipVersion: version, isDefault: true, ...(exceptId ? { NOT: { id: exceptId } } : {}) },
    });
    if (other) {
      throw ZenithError.badRequest(
        `A default subnetpool for this IP family has already been set. Only one default may exist per IP family (${other.id})`,
      );
    }
  }
}
