import type { Cloud } from "../cloud/clients.ts";

/** Admin: sets a stuck volume's status (and attach status) without touching the backend. */
export async function resetVolumeStatus(
  cloud: Cloud,
  req: { id: string; status: string; attachStatus?: "attached" | "detached" | undefined },
): Promise<void> {
  await (await cloud.cinder()).volumes.resetStatus(req.id, {
    status: req.status,
    attachStatus: req.attachStatus,
  });
}

/** Admin: deletes whatever the status (a volume stuck in `error_deleting`, `creating`…). */
export async function forceDeleteVolume(cloud: Cloud, id: string): Promise<void> {
  await (await cloud.cinder()).volumes.forceDelete(id);
}

export interface VolumeTypeRow {
  id: string;
  name: string;
  description: string;
  isPublic: boolean;
  extraSpecs: Record<string, string>;
}

/** Every type, private ones too (`is_public=None`), with extra specs as the list carries them. */
export async function listVolumeTypes(cloud: Cloud): Promise<VolumeTypeRow[]> {
  const types = await (await cloud.cinder()).types.list({ isPublic: "none" });
  return types
    .map((t) => ({
      id: t.id,
      name: t.name,
      description: t.description ?? "",
      isPublic: t.is_public ?? t["os-volume-type-access:is_public"] ?? true,
      extraSpecs: t.extra_specs ?? {},
    }))
    .sort((a, b) => a.name.localeCompare(b.name));
}

export async function createVolumeType(
  cloud: Cloud,
  req: {
    name: string;
    description?: string | undefined;
    isPublic: boolean;
    extraSpecs: Record<string, string>;
  },
): Promise<{ id: string }> {
  const t = await (await cloud.cinder()).types.create({
    name: req.name,
    description: req.description || undefined,
    isPublic: req.isPublic,
    extraSpecs: Object.keys(req.extraSpecs).length > 0 ? req.extraSpecs : undefined,
  });
  return { id: t.id };
}

export async function updateVolumeType(
  cloud: Cloud,
  req: {
    id: string;
    name?: string | undefined;
    description?: string | undefined;
    isPublic?: boolean | undefined;
  },
): Promise<void> {
  await (await cloud.cinder()).types.update(req.id, {
    name: req.name,
    description: req.description,
    isPublic: req.isPublic,
  });
}

export async function deleteVolumeType(cloud: Cloud, id: string): Promise<void> {
  await (await cloud.cinder()).types.delete(id);
}

/** Replaces the type's extra specs with `specs`: sets what is new or changed, deletes what is gone. */
export async function setVolumeTypeExtraSpecs(
  cloud: Cloud,
  req: { id: string; specs: Record<string, string> },
): Promise<Record<string, string>> {
  const cinder = await cloud.cinder();
  const current = await cinder.types.extraSpecs(req.id);
  const changed = Object.fromEntries(Object.entries(req.specs).filter(([k, v]) => current[k] !== v));
  if (Object.keys(changed).length > 0) await cinder.types.setExtraSpecs(req.id, changed);
  for (const key of Object.keys(current)) {
    if (!(key in req.specs)) await cinder.types.deleteExtraSpec(req.id, key);
  }
  return cinder.types.extraSpecs(req.id);
}

export interface VolumeServiceRow {
  binary: string;
  host: string;
  zone: string | null;
  enabled: boolean;
  up: boolean;
  updatedAt: string | null;
  disabledReason: string | null;
}

export async function listVolumeServices(cloud: Cloud): Promise<VolumeServiceRow[]> {
  const services = await (await cloud.cinder()).services.list();
  return services.map((s) => ({
    binary: s.binary,
    host: s.host,
    zone: s.zone ?? null,
    enabled: s.status === "enabled",
    up: s.state === "up",
    updatedAt: s.updated_at ?? null,
    disabledReason: s.disabled_reason ?? null,
  }));
}

export interface PoolRow {
  name: string;
  /** `host@backend#pool` → host. */
  host: string;
  backend: string | null;
  protocol: string | null;
  /** GiB; null when the backend reports "unknown" or "infinite". */
  totalGb: number | null;
  freeGb: number | null;
  allocatedGb: number | null;
  updatedAt: string | null;
}

const gb = (v: number | string | null | undefined): number | null => (typeof v === "number" ? v : null);

export async function listPools(cloud: Cloud): Promise<PoolRow[]> {
  const pools = await (await cloud.cinder()).services.pools();
  return pools.map((p) => ({
    name: p.name,
    host: p.name.split("@")[0] ?? p.name,
    backend: p.capabilities?.volume_backend_name ?? null,
    protocol: p.capabilities?.storage_protocol ?? null,
    totalGb: gb(p.capabilities?.total_capacity_gb),
    freeGb: gb(p.capabilities?.free_capacity_gb),
    allocatedGb: gb(p.capabilities?.allocated_capacity_gb),
    updatedAt: p.capabilities?.updated ?? null,
  }));
}
