import { randomUUID } from "node:crypto";
import { ZenithError } from "@zenith/core/errors";
import { Prisma, type PrismaClient } from "@zenith/db/client";
import type { Flavor } from "@zenith/db/generated";

export type FlavorRow = Flavor;
export type ExtraSpecs = Record<string, string>;

/** Who is looking: admins see every flavor, others public ones plus those shared with their project. */
export interface FlavorViewer {
  projectId: string;
  isAdmin: boolean;
}

/** Nova's sort keys (flavors index_query_schema) mapped onto our columns. */
const SORT_COLUMNS = {
  flavorid: "id",
  id: "id",
  name: "name",
  memory_mb: "ramMb",
  root_gb: "diskGb",
  ephemeral_gb: "ephemeralGb",
  swap: "swapMb",
  vcpus: "vcpus",
  rxtx_factor: "rxtxFactor",
  is_public: "isPublic",
  disabled: "disabled",
  description: "description",
  created_at: "createdAt",
  updated_at: "createdAt",
  vcpu_weight: "id",
} as const;
export type FlavorSortKey = keyof typeof SORT_COLUMNS;
export const FLAVOR_SORT_KEYS = Object.keys(SORT_COLUMNS) as [FlavorSortKey, ...FlavorSortKey[]];

export interface FlavorListQuery {
  /** true: public (plus shared with the viewer), false: private only, null: all. Non-admins always get true. */
  isPublic: boolean | null;
  minRam?: number | undefined;
  minDisk?: number | undefined;
  sortKey: FlavorSortKey;
  sortDir: "asc" | "desc";
  limit: number;
  marker?: string | undefined;
}

export interface FlavorCreate {
  id: string | null;
  name: string;
  ram: number;
  vcpus: number;
  disk: number;
  ephemeral: number;
  swap: number;
  rxtxFactor: number;
  isPublic: boolean;
  description: string | null;
}

/** Flavors, their extra specs and private-flavor access lists (Nova's flavor API). */
export class FlavorService {
  constructor(private readonly prisma: PrismaClient) {}

  private visibleWhere(viewer: FlavorViewer): Prisma.FlavorWhereInput {
    if (viewer.isAdmin) return {};
    return { OR: [{ isPublic: true }, { access: { some: { projectId: viewer.projectId } } }] };
  }

  async list(viewer: FlavorViewer, q: FlavorListQuery): Promise<FlavorRow[]> {
    const where: Prisma.FlavorWhereInput[] = [];
    const isPublic = viewer.isAdmin ? q.isPublic : true;
    if (isPublic === true) {
      where.push({ OR: [{ isPublic: true }, { access: { some: { projectId: viewer.projectId } } }] });
    } else if (isPublic === false) {
      where.push({ isPublic: false });
    }
    if (!viewer.isAdmin) where.push({ disabled: false });
    if (q.minRam !== undefined) where.push({ ramMb: { gte: q.minRam } });
    if (q.minDisk !== undefined) where.push({ diskGb: { gte: q.minDisk } });
    const column = SORT_COLUMNS[q.sortKey];
    const orderBy: Prisma.FlavorOrderByWithRelationInput[] = [{ [column]: q.sortDir }];
    if (column !== "id") orderBy.push({ id: q.sortDir });
    const rows = await this.prisma.flavor.findMany({ where: { AND: where }, orderBy });
    let start = 0;
    if (q.marker !== undefined) {
      const index = rows.findIndex((r) => r.id === q.marker);
      if (index < 0) throw ZenithError.badRequest(`marker [${q.marker}] not found`);
      start = index + 1;
    }
    return rows.slice(start, start + q.limit);
  }

  /** 404 for unknown flavors and for private ones the viewer may not see, as Nova. */
  async get(viewer: FlavorViewer, id: string): Promise<FlavorRow> {
    const flavor = await this.prisma.flavor.findFirst({
      where: { AND: [{ id }, this.visibleWhere(viewer)] },
    });
    if (!flavor) throw ZenithError.notFound(`Flavor ${id} could not be found.`);
    return flavor;
  }

  async create(input: FlavorCreate): Promise<FlavorRow> {
    const id = input.id ?? randomUUID();
    const clash = await this.prisma.flavor.findFirst({ where: { OR: [{ id }, { name: input.name }] } });
    if (clash) throw flavorConflict(clash, id, input.name);
    try {
      return await this.prisma.flavor.create({
        data: {
          id,
          name: input.name,
          vcpus: input.vcpus,
          ramMb: input.ram,
          diskGb: input.disk,
          ephemeralGb: input.ephemeral,
          swapMb: input.swap,
          rxtxFactor: input.rxtxFactor,
          isPublic: input.isPublic,
          description: input.description,
        },
      });
    } catch (err) {
      // A concurrent create won the race between the check and the insert.
      if (err instanceof Prisma.PrismaClientKnownRequestError && err.code === "P2002") {
        throw new ZenithError("CONFLICT", `Flavor with name ${input.name} already exists.`);
      }
      throw err;
    }
  }

  async updateDescription(viewer: FlavorViewer, id: string, description: string | null): Promise<FlavorRow> {
    await this.get(viewer, id);
    return this.prisma.flavor.update({ where: { id }, data: { description } });
  }

  async delete(id: string): Promise<void> {
    const { count } = await this.prisma.flavor.deleteMany({ where: { id } });
    if (count === 0) throw ZenithError.notFound(`Flavor ${id} could not be found.`);
  }

  async extraSpecs(viewer: FlavorViewer, id: string): Promise<ExtraSpecs> {
    return specsOf(await this.get(viewer, id));
  }

  /** Merges `specs` into the flavor's extra specs. */
  async setExtraSpecs(viewer: FlavorViewer, id: string, specs: ExtraSpecs): Promise<ExtraSpecs> {
    return this.prisma.$transaction(async (tx) => {
      const flavor = await tx.flavor.findFirst({ where: { AND: [{ id }, this.visibleWhere(viewer)] } });
      if (!flavor) throw ZenithError.notFound(`Flavor ${id} could not be found.`);
      const merged = { ...specsOf(flavor), ...specs };
      await tx.flavor.update({ where: { id }, data: { extraSpecs: merged } });
      return merged;
    });
  }

  async deleteExtraSpec(viewer: FlavorViewer, id: string, key: string): Promise<void> {
    await this.prisma.$transaction(async (tx) => {
      const flavor = await tx.flavor.findFirst({ where: { AND: [{ id }, this.visibleWhere(viewer)] } });
      if (!flavor) throw ZenithError.notFound(`Flavor ${id} could not be found.`);
      const specs = specsOf(flavor);
      if (!(key in specs)) throw extraSpecNotFound(id, key);
      delete specs[key];
      await tx.flavor.update({ where: { id }, data: { extraSpecs: specs } });
    });
  }

  async accessList(id: string): Promise<string[]> {
    const flavor = await this.prisma.flavor.findUnique({ where: { id }, include: { access: true } });
    if (!flavor) throw ZenithError.notFound(`Flavor ${id} could not be found.`);
    if (flavor.isPublic) throw ZenithError.notFound("Access list not available for public flavors.");
    return flavor.access.map((a) => a.projectId).sort();
  }

  async addAccess(id: string, projectId: string): Promise<string[]> {
    const flavor = await this.prisma.flavor.findUnique({ where: { id } });
    if (!flavor) throw ZenithError.notFound(`Flavor ${id} could not be found.`);
    if (flavor.isPublic) throw new ZenithError("CONFLICT", "Can not add access to a public flavor.");
    const project = await this.prisma.project.findUnique({ where: { id: projectId } });
    if (!project) throw ZenithError.badRequest(`Project ID ${projectId} is not a valid project.`);
    const existing = await this.prisma.flavorAccess.findUnique({
      where: { flavorId_projectId: { flavorId: id, projectId } },
    });
    if (existing) {
      throw new ZenithError(
        "CONFLICT",
        `Flavor access already exists for flavor ${id} and project ${projectId} combination.`,
      );
    }
    await this.prisma.flavorAccess.create({ data: { flavorId: id, projectId } });
    return this.accessList(id);
  }

  async removeAccess(id: string, projectId: string): Promise<string[]> {
    const flavor = await this.prisma.flavor.findUnique({ where: { id } });
    if (!flavor) throw ZenithError.notFound(`Flavor ${id} could not be found.`);
    const { count } = await this.prisma.flavorAccess.deleteMany({ where: { flavorId: id, projectId } });
    if (count === 0) {
      throw ZenithError.notFound(`Flavor access not found for ${id} / ${projectId} combination.`);
    }
    return flavor.isPublic ? [] : this.accessList(id);
  }
}

export function specsOf(flavor: FlavorRow): ExtraSpecs {
  const value = flavor.extraSpecs;
  const specs: ExtraSpecs = {};
  if (value && typeof value === "object" && !Array.isArray(value)) {
    for (const [k, v] of Object.entries(value)) if (typeof v === "string") specs[k] = v;
  }
  return specs;
}

export function extraSpecNotFound(id: string, key: string): ZenithError {
  return ZenithError.notFound(`Flavor ${id} has no extra specs with key ${key}.`);
}

function flavorConflict(clash: FlavorRow, id: string, name: string): ZenithError {
  return new ZenithError(
    "CONFLICT",
    clash.id === id ? `Flavor with ID ${id} already exists.` : `Flavor with name ${name} already exists.`,
  );
}
