import { randomUUID } from "node:crypto";
import { ZenithError } from "@zenith/core/errors";
import type { Prisma, PrismaClient } from "@zenith/db/client";
import type { VolumeCaller } from "./caller.ts";
import { type ExtraSpecs, readSpecs, visibleSpecs } from "./extra-specs.ts";
import { MAX_EXTRA_SPECS } from "./limits.ts";
import { renameTypeQuotas } from "./quota-resources.ts";

/** Cinder's `default_volume_type`: the type volumes get when they name none. Created at bootstrap. */
export const DEFAULT_TYPE_NAME = "__DEFAULT__";
const DEFAULT_TYPE_DESCRIPTION = "Default Volume Type";

/** A volume type as the API shows it to one caller (extra specs already filtered for them). */
export interface VolumeTypeView {
  id: string;
  name: string;
  description: string | null;
  isPublic: boolean;
  qosSpecsId: string | null;
  extraSpecs: ExtraSpecs;
}

type Row = Prisma.VolumeTypeGetPayload<object>;

function view(row: Row, caller: VolumeCaller): VolumeTypeView {
  return {
    id: row.id,
    name: row.name,
    description: row.description,
    isPublic: row.isPublic,
    qosSpecsId: row.qosSpecsId,
    extraSpecs: visibleSpecs(readSpecs(row.extraSpecs), caller.isAdmin),
  };
}

function notFound(id: string): ZenithError {
  return ZenithError.notFound(`Volume type ${id} could not be found.`);
}

function exists(name: string): ZenithError {
  return new ZenithError("CONFLICT", `Volume Type ${name} already exists.`);
}

function isUniqueViolation(err: unknown): boolean {
  return typeof err === "object" && err !== null && "code" in err && err.code === "P2002";
}

/** Public types, and private ones granted to the caller's project (Cinder's `_process_volume_types_filters`). */
function visibleTo(caller: VolumeCaller): Prisma.VolumeTypeWhereInput {
  return { OR: [{ isPublic: true }, { access: { some: { projectId: caller.projectId } } }] };
}

export interface TypeListFilter {
  /** true: public (plus granted private ones); false: private only; null: all (admins only). */
  isPublic: boolean | null;
  /** 3.52: only types whose extra specs include all of these. */
  extraSpecs?: ExtraSpecs | undefined;
}

export interface NewVolumeType {
  name: string;
  description?: string | null | undefined;
  isPublic: boolean;
  extraSpecs: ExtraSpecs;
}

export interface VolumeTypeChange {
  name?: string | undefined;
  description?: string | null | undefined;
  isPublic?: boolean | undefined;
}

/**
 * Volume types, their extra specs and project access (Cinder's
 * volume_types, types_extra_specs and volume_type_access). Callers are
 * authorized by the HTTP layer; this decides visibility: a private type a
 * project was not granted does not exist for it (404).
 */
export class VolumeTypeService {
  constructor(private readonly prisma: PrismaClient) {}

  /** Creates `__DEFAULT__` on first start; later starts find it by name. */
  async ensureDefault(): Promise<{ id: string; created: boolean }> {
    const found = await this.prisma.volumeType.findUnique({ where: { name: DEFAULT_TYPE_NAME } });
    if (found) return { id: found.id, created: false };
    const row = await this.prisma.volumeType.upsert({
      where: { name: DEFAULT_TYPE_NAME },
      create: { id: randomUUID(), name: DEFAULT_TYPE_NAME, description: DEFAULT_TYPE_DESCRIPTION },
      update: {},
    });
    return { id: row.id, created: true };
  }

  async list(caller: VolumeCaller, filter: TypeListFilter): Promise<VolumeTypeView[]> {
    const where: Prisma.VolumeTypeWhereInput[] = [];
    // Members always get "public or granted" (Cinder ignores their is_public); admins choose.
    const isPublic = caller.isAdmin ? filter.isPublic : true;
    if (isPublic === true) where.push(visibleTo(caller));
    if (isPublic === false) where.push({ isPublic: false });
    // Members filter only on the keys they can read: a hidden key must not be probed through the filter.
    for (const [key, value] of Object.entries(visibleSpecs(filter.extraSpecs ?? {}, caller.isAdmin))) {
      where.push({ extraSpecs: { path: [key], equals: value } });
    }
    const rows = await this.prisma.volumeType.findMany({
      where: { AND: where },
      orderBy: [{ createdAt: "desc" }, { id: "desc" }],
    });
    return rows.map((row) => view(row, caller));
  }

  async get(caller: VolumeCaller, id: string): Promise<VolumeTypeView> {
    return view(await this.row(caller, id), caller);
  }

  async getDefault(caller: VolumeCaller): Promise<VolumeTypeView> {
    const row = await this.prisma.volumeType.findUnique({ where: { name: DEFAULT_TYPE_NAME } });
    if (!row) throw ZenithError.notFound("Default volume type can not be found.");
    return view(row, caller);
  }

  async create(caller: VolumeCaller, input: NewVolumeType): Promise<VolumeTypeView> {
    if (Object.keys(input.extraSpecs).length > MAX_EXTRA_SPECS) throw tooManySpecs();
    try {
      const row = await this.prisma.volumeType.create({
        data: {
          id: randomUUID(),
          name: input.name,
          description: input.description ?? null,
          isPublic: input.isPublic,
          extraSpecs: input.extraSpecs,
        },
      });
      return view(row, caller);
    } catch (err) {
      if (isUniqueViolation(err)) throw exists(input.name);
      throw err;
    }
  }

  async update(caller: VolumeCaller, id: string, change: VolumeTypeChange): Promise<VolumeTypeView> {
    const current = await this.row(caller, id);
    if (change.name !== undefined && change.name !== current.name && current.name === DEFAULT_TYPE_NAME) {
      throw ZenithError.badRequest(`The default volume type ${DEFAULT_TYPE_NAME} can not be renamed.`);
    }
    try {
      const row = await this.prisma.$transaction(async (tx) => {
        const updated = await tx.volumeType.update({
          where: { id: current.id },
          data: {
            ...(change.name === undefined ? {} : { name: change.name }),
            ...(change.description === undefined ? {} : { description: change.description }),
            ...(change.isPublic === undefined ? {} : { isPublic: change.isPublic }),
          },
        });
        // Per-type quotas are keyed by the type's name, as Cinder's; they follow a rename.
        if (updated.name !== current.name) await renameTypeQuotas(tx, current.name, updated.name);
        return updated;
      });
      return view(row, caller);
    } catch (err) {
      if (isUniqueViolation(err) && change.name !== undefined) throw exists(change.name);
      throw err;
    }
  }

  async delete(caller: VolumeCaller, id: string): Promise<void> {
    const current = await this.row(caller, id);
    if (current.name === DEFAULT_TYPE_NAME) {
      throw ZenithError.badRequest(
        `The volume type ${current.id} is a default volume type and cannot be deleted.`,
      );
    }
    await this.prisma.$transaction(async (tx) => {
      const inUse = await tx.volume.count({ where: { volumeTypeId: current.id, deletedAt: null } });
      if (inUse > 0) {
        throw ZenithError.badRequest(
          `Volume Type ${current.id} deletion is not allowed with volumes present with the type.`,
        );
      }
      await tx.volumeType.delete({ where: { id: current.id } });
      await renameTypeQuotas(tx, current.name, null);
    });
  }

  // ---- extra specs

  async extraSpecs(caller: VolumeCaller, id: string): Promise<ExtraSpecs> {
    return (await this.get(caller, id)).extraSpecs;
  }

  async extraSpec(caller: VolumeCaller, id: string, key: string): Promise<string> {
    const specs = await this.extraSpecs(caller, id);
    const value = specs[key];
    if (value === undefined) {
      throw ZenithError.notFound(`Volume Type ${id} has no extra specs with key ${key}.`);
    }
    return value;
  }

  /** Merges `specs` into the type's (Cinder's create-or-update) and returns what was written. */
  async setExtraSpecs(caller: VolumeCaller, id: string, specs: ExtraSpecs): Promise<ExtraSpecs> {
    const current = await this.row(caller, id);
    await this.prisma.$transaction(async (tx) => {
      // Row lock: two concurrent merges must not lose each other's keys.
      await tx.$executeRaw`SELECT 1 FROM volume_type WHERE id = ${current.id} FOR UPDATE`;
      const row = await tx.volumeType.findUnique({ where: { id: current.id } });
      if (!row) throw notFound(id);
      const merged = { ...readSpecs(row.extraSpecs), ...specs };
      if (Object.keys(merged).length > MAX_EXTRA_SPECS) throw tooManySpecs();
      await tx.volumeType.update({ where: { id: current.id }, data: { extraSpecs: merged } });
    });
    return specs;
  }

  async deleteExtraSpec(caller: VolumeCaller, id: string, key: string): Promise<void> {
    const current = await this.row(caller, id);
    await this.prisma.$transaction(async (tx) => {
      await tx.$executeRaw`SELECT 1 FROM volume_type WHERE id = ${current.id} FOR UPDATE`;
      const row = await tx.volumeType.findUnique({ where: { id: current.id } });
      const specs = readSpecs(row?.extraSpecs);
      if (!(key in specs)) {
        throw ZenithError.notFound(`Volume Type ${id} has no extra specs with key ${key}.`);
      }
      delete specs[key];
      await tx.volumeType.update({ where: { id: current.id }, data: { extraSpecs: specs } });
    });
  }

  // ---- project access (private types)

  async accessList(
    caller: VolumeCaller,
    id: string,
  ): Promise<Array<{ volumeTypeId: string; projectId: string }>> {
    const current = await this.row(caller, id);
    if (current.isPublic) throw ZenithError.notFound("Access list not available for public volume types.");
    const rows = await this.prisma.volumeTypeAccess.findMany({
      where: { volumeTypeId: current.id },
      orderBy: { createdAt: "asc" },
    });
    return rows.map((r) => ({ volumeTypeId: r.volumeTypeId, projectId: r.projectId }));
  }

  async addAccess(caller: VolumeCaller, id: string, projectId: string): Promise<void> {
    const current = await this.row(caller, id);
    if (current.isPublic) throw publicTypeAccess();
    await this.requireProject(projectId);
    try {
      await this.prisma.volumeTypeAccess.create({ data: { volumeTypeId: current.id, projectId } });
    } catch (err) {
      if (isUniqueViolation(err)) {
        throw new ZenithError(
          "CONFLICT",
          `Volume type access for ${current.id} / ${projectId} combination already exists.`,
        );
      }
      throw err;
    }
  }

  async removeAccess(caller: VolumeCaller, id: string, projectId: string): Promise<void> {
    const current = await this.row(caller, id);
    if (current.isPublic) throw publicTypeAccess();
    const { count } = await this.prisma.volumeTypeAccess.deleteMany({
      where: { volumeTypeId: current.id, projectId },
    });
    if (count === 0) {
      throw ZenithError.notFound(
        `Volume type access not found for ${current.id} / ${projectId} combination.`,
      );
    }
  }

  /** The row if the caller may see it: admins see every type, others public and granted ones. */
  /**
   * The type a new volume gets: by id or name among the types the caller
   * may use, `__DEFAULT__` when none is named (Cinder's 404 "Volume type
   * with name … could not be found." otherwise).
   */
  async resolve(
    caller: VolumeCaller,
    nameOrId: string | null | undefined,
  ): Promise<{ id: string; name: string }> {
    if (nameOrId === null || nameOrId === undefined || nameOrId === "") {
      const row = await this.prisma.volumeType.findUnique({ where: { name: DEFAULT_TYPE_NAME } });
      if (!row) throw ZenithError.notFound("Default volume type can not be found.");
      return { id: row.id, name: row.name };
    }
    const row = await this.prisma.volumeType.findFirst({
      where: {
        AND: [{ OR: [{ id: nameOrId }, { name: nameOrId }] }, ...(caller.isAdmin ? [] : [visibleTo(caller)])],
      },
    });
    if (!row) throw ZenithError.notFound(`Volume type with name ${nameOrId} could not be found.`);
    return { id: row.id, name: row.name };
  }

  private async row(caller: VolumeCaller, id: string): Promise<Row> {
    const row = await this.prisma.volumeType.findFirst({
      where: caller.isAdmin ? { id } : { AND: [{ id }, visibleTo(caller)] },
    });
    if (!row) throw notFound(id);
    return row;
  }

  private async requireProject(projectId: string): Promise<void> {
    const project = await this.prisma.project.findUnique({ where: { id: projectId }, select: { id: true } });
    if (!project) throw ZenithError.badRequest(`Project ID ${projectId} is not a valid project.`);
  }
}

function tooManySpecs(): ZenithError {
  return ZenithError.badRequest(`A volume type may have at most ${MAX_EXTRA_SPECS} extra specs.`);
}

function publicTypeAccess(): ZenithError {
  return ZenithError.badRequest(
    "Invalid volume type: Type access modification is not applicable to public volume type.",
  );
}
