import { ZenithError } from "@zenith/core/errors";
import type { Prisma, PrismaClient } from "@zenith/db/client";
import type { VolumeCaller } from "../caller.ts";
import { VOLUME_INCLUDE, type VolumeRow, visibleVolumes, volumeNotFound } from "./lookup.ts";

/** Cinder's `osapi_max_limit`: no page is longer, whatever `limit` says. */
export const MAX_PAGE = 1000;

/** Sort keys Cinder accepts for volumes (the API names), mapped to columns. */
const SORT_KEYS: Readonly<Record<string, keyof Prisma.VolumeOrderByWithRelationInput>> = {
  created_at: "createdAt",
  updated_at: "updatedAt",
  id: "id",
  name: "name",
  display_name: "name",
  size: "sizeGb",
  status: "status",
  availability_zone: "availabilityZone",
  bootable: "bootable",
  project_id: "projectId",
  volume_type: "volumeTypeId",
};

export interface VolumeListQuery {
  /** Admins: every project's volumes (`all_tenants`); members always get their own. */
  allProjects: boolean;
  /** Admins with allProjects: only this project's. */
  projectId?: string | undefined;
  name?: string | undefined;
  status?: string | undefined;
  bootable?: boolean | undefined;
  availabilityZone?: string | undefined;
  /** Every pair must be in the volume's metadata. */
  metadata?: Record<string, string> | undefined;
  sorts: Array<{ key: string; dir: "asc" | "desc" }>;
  limit?: number | undefined;
  marker?: string | undefined;
}

/** `sort=name:asc,size` or `sort_key=name&sort_dir=asc` → pairs (default created_at desc, then id desc). */
export function parseSorts(
  sort: string | undefined,
  sortKey?: string,
  sortDir?: string,
): VolumeListQuery["sorts"] {
  const pairs: VolumeListQuery["sorts"] = [];
  const raw = sort ?? (sortKey ? `${sortKey}:${sortDir ?? "desc"}` : "");
  for (const part of raw.split(",").slice(0, 8)) {
    if (part.trim() === "") continue;
    const [key = "", dir = "desc"] = part.trim().split(":");
    if (!(key in SORT_KEYS)) throw ZenithError.badRequest(`Invalid input received: Invalid sort key ${key}`);
    if (dir !== "asc" && dir !== "desc") {
      throw ZenithError.badRequest(`Invalid input received: Invalid sort direction ${dir}`);
    }
    pairs.push({ key, dir });
  }
  return pairs;
}

/**
 * A page of the volumes the caller may see, filtered and sorted in the
 * database. The marker is a volume id: the page starts after it in the
 * requested order (a tie-breaking `id` makes the order total).
 */
export async function listVolumes(
  prisma: PrismaClient,
  caller: VolumeCaller,
  q: VolumeListQuery,
): Promise<{ items: VolumeRow[]; next: string | undefined }> {
  const where: Prisma.VolumeWhereInput[] = [
    caller.isAdmin && q.allProjects ? { deletedAt: null } : { deletedAt: null, projectId: caller.projectId },
  ];
  if (caller.isAdmin && q.allProjects && q.projectId) where.push({ projectId: q.projectId });
  if (q.name !== undefined) where.push({ name: q.name });
  if (q.status !== undefined) where.push({ status: q.status });
  if (q.bootable !== undefined) where.push({ bootable: q.bootable });
  if (q.availabilityZone !== undefined) where.push({ availabilityZone: q.availabilityZone });
  for (const [key, value] of Object.entries(q.metadata ?? {})) {
    where.push({ metadata: { path: [key], equals: value } });
  }
  const sorts = q.sorts.length > 0 ? q.sorts : [{ key: "created_at", dir: "desc" as const }];
  const orderBy: Prisma.VolumeOrderByWithRelationInput[] = sorts.map((s) => ({
    [SORT_KEYS[s.key] ?? "createdAt"]: s.dir,
  }));
  if (!sorts.some((s) => s.key === "id")) orderBy.push({ id: sorts[0]?.dir ?? "desc" });
  const limit = Math.min(q.limit ?? MAX_PAGE, MAX_PAGE);
  let skip = 0;
  if (q.marker !== undefined) {
    // The marker must be a volume the caller sees; its position in the same order is where the page starts.
    const marker = await prisma.volume.findFirst({
      where: { AND: [{ id: q.marker }, visibleVolumes(caller)] },
    });
    if (!marker) throw volumeNotFound(q.marker);
    const ordered = await prisma.volume.findMany({ where: { AND: where }, orderBy, select: { id: true } });
    const at = ordered.findIndex((r) => r.id === q.marker);
    if (at < 0)
      throw ZenithError.badRequest(`Invalid input received: marker ${q.marker} is not in this list.`);
    skip = at + 1;
  }
  const rows = await prisma.volume.findMany({
    where: { AND: where },
    orderBy,
    skip,
    take: limit,
    include: VOLUME_INCLUDE,
  });
  // Cinder links a next page whenever this one is full (even if the next turns out empty):
  // clients and tempest's pagination test rely on it.
  const last = rows.at(-1);
  return { items: rows, next: rows.length === limit && last ? last.id : undefined };
}
