import { ZenithError } from "@zenith/core/errors";
import { say } from "../../messages.ts";
import type { Cloud } from "../cloud/clients.ts";

export interface TransferRow {
  id: string;
  name: string;
  volumeId: string;
  createdAt: string | null;
}

export async function listTransfers(cloud: Cloud): Promise<TransferRow[]> {
  const transfers = await (await cloud.cinder()).transfers.list();
  return transfers.map((t) => ({
    id: t.id,
    name: t.name ?? "",
    volumeId: t.volume_id,
    createdAt: t.created_at ?? null,
  }));
}

/**
 * Offers a volume to another project. The answer carries the auth key,
 * which the cloud never shows again: the portal displays it once.
 */
export async function createTransfer(
  cloud: Cloud,
  req: { volumeId: string; name: string },
): Promise<TransferRow & { authKey: string }> {
  const t = await (await cloud.cinder()).transfers.create({ volumeId: req.volumeId, name: req.name });
  if (!t.auth_key) throw new ZenithError("INTERNAL", say("volume.transferNoAuthKey"));
  return {
    id: t.id,
    name: t.name ?? "",
    volumeId: t.volume_id,
    createdAt: t.created_at ?? null,
    authKey: t.auth_key,
  };
}

export async function acceptTransfer(
  cloud: Cloud,
  req: { id: string; authKey: string },
): Promise<{ volumeId: string }> {
  const t = await (await cloud.cinder()).transfers.accept(req.id, req.authKey);
  return { volumeId: t.volume_id };
}

export async function deleteTransfer(cloud: Cloud, id: string): Promise<void> {
  await (await cloud.cinder()).transfers.delete(id);
}
