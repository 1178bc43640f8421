import { ZenithError } from "@zenith/core/errors";
import { say } from "../../messages.ts";
import type { Cloud } from "../cloud/clients.ts";
import { announceNetworkChange } from "../network/changes.ts";
import type { VolumeScope } from "./scope.ts";
import { attachableVolumes, type CreateVolumeRequest, createVolume } from "./volumes.ts";

export interface InstanceVolume {
  id: string;
  name: string;
  size: number | null;
  status: string | null;
  device: string | null;
  deleteOnTermination: boolean | null;
}

/**
 * An instance's volumes: Nova's attachment list (device, delete on
 * termination) joined with Cinder's names and sizes from one listing.
 */
export async function instanceVolumes(cloud: Cloud, serverId: string): Promise<InstanceVolume[]> {
  const nova = await cloud.nova();
  const attachments = await nova.volumeAttachments.list(serverId);
  if (attachments.length === 0) return [];
  const cinder = await cloud.cinder();
  const volumes = new Map((await cinder.volumes.detailAll()).map((v) => [v.id, v]));
  return attachments.map((a) => {
    const v = volumes.get(a.volumeId);
    return {
      id: a.volumeId,
      name: v?.name || a.volumeId,
      size: v?.size ?? null,
      status: v?.status ?? null,
      device: a.device ?? null,
      deleteOnTermination: a.delete_on_termination ?? null,
    };
  });
}

/** What the "Attach volume" dialog offers: available volumes, and the choices to create one. */
export async function attachOptions(cloud: Cloud) {
  const cinder = await cloud.cinder();
  return { volumes: await attachableVolumes(cinder) };
}

/**
 * Attaches through Nova, which reserves the volume in Cinder and plugs it
 * on the host; the volume passes `attaching` → `in-use` on its own.
 * With `create`, a new empty volume is made first and attached once
 * available (the dialog's "create one" path), so the caller waits for it.
 */
export async function attachVolume(
  cloud: Cloud,
  scope: VolumeScope,
  req: {
    serverId: string;
    volumeId?: string | undefined;
    create?: Omit<CreateVolumeRequest, "source"> | undefined;
    waitMs?: number;
  },
): Promise<{ volumeId: string; device: string | null }> {
  let volumeId = req.volumeId;
  if (!volumeId && req.create) {
    const created = await createVolume(cloud, { ...req.create, source: { kind: "empty" } });
    volumeId = created.id;
    await waitAvailable(cloud, volumeId, req.waitMs ?? 60_000);
  }
  if (!volumeId) throw new ZenithError("BAD_REQUEST", say("volume.chooseVolume"));
  const nova = await cloud.nova();
  const attachment = await nova.volumeAttachments.attach(req.serverId, { volumeId });
  announceNetworkChange(scope.projectId);
  return { volumeId, device: attachment.device ?? null };
}

export async function detachVolume(
  cloud: Cloud,
  scope: VolumeScope,
  req: { serverId: string; volumeId: string },
): Promise<void> {
  const nova = await cloud.nova();
  await nova.volumeAttachments.detach(req.serverId, req.volumeId);
  announceNetworkChange(scope.projectId);
}

/** Polls a new volume until it is available (or failed): creating an empty one takes moments. */
async function waitAvailable(cloud: Cloud, id: string, timeoutMs: number): Promise<void> {
  const cinder = await cloud.cinder();
  const deadline = Date.now() + timeoutMs;
  for (let delay = 200; ; delay = Math.min(delay * 2, 2000)) {
    const v = await cinder.volumes.get(id);
    if (v.status === "available") return;
    if (v.status.startsWith("error")) {
      throw new ZenithError("CONFLICT", say("volume.newVolumeFailed", { status: v.status }));
    }
    if (Date.now() + delay > deadline) {
      throw new ZenithError("SERVICE_UNAVAILABLE", say("volume.stillCreating"));
    }
    await new Promise((r) => setTimeout(r, delay));
  }
}
