/**
 * Volumes and NICs: hot-plugged over QMP while QEMU runs, and always
 * recorded in the definition so the next start has them too.
 *
 * A NIC is a persistent tap device the driver creates (`taps.ts`, named as
 * the port says, Nova's `tap<port id[:11]>` by default) and QEMU opens by
 * name; plugging the tap into the tenant network is the network agent's
 * job, as with Nova and Neutron. The tap exists as long as the NIC is in the
 * definition, whatever the power state.
 */
import { access, constants } from "node:fs/promises";
import { nextDevice } from "../devices.ts";
import { DriverError } from "../errors.ts";
import {
  type NetworkInterface,
  networkInterfaceSchema,
  tapOf,
  type VolumeAttachment,
  type VolumeConnection,
  type VolumeConnectionInput,
  volumeConnectionSchema,
} from "../schemas.ts";
import type { Backend, Guest } from "./guest.ts";
import { freeNicSlot, type NicDefinition, type VolumeDefinition } from "./instance-dir.ts";
import { nicDevice, nicId, tapNetdev, volumeBlockdev, volumeDevice, volumeNodeId } from "./process.ts";
import { ensureTap, removeTap } from "./taps.ts";

export function parseVolume(volume: VolumeConnectionInput, uuid: string): VolumeConnection {
  const parsed = volumeConnectionSchema.safeParse(volume);
  if (!parsed.success)
    throw new DriverError("InvalidRequest", `invalid volume: ${parsed.error.message}`, { uuid });
  return parsed.data;
}

export function parseInterface(vif: NetworkInterface, uuid: string): NetworkInterface {
  const parsed = networkInterfaceSchema.safeParse(vif);
  if (!parsed.success) {
    throw new DriverError("InvalidRequest", `invalid interface: ${parsed.error.message}`, { uuid });
  }
  return parsed.data;
}

function volumeBackend(v: VolumeDefinition): Backend {
  return {
    add: { command: "blockdev-add", args: volumeBlockdev(v) },
    remove: { command: "blockdev-del", args: { "node-name": volumeNodeId(v.volumeId) } },
  };
}

function nicBackend(vif: NetworkInterface): Backend {
  return {
    add: { command: "netdev_add", args: tapNetdev(vif) },
    remove: { command: "netdev_del", args: { id: nicId(vif.portId) } },
  };
}

const attachment = (v: VolumeDefinition): VolumeAttachment => ({ volumeId: v.volumeId, device: v.device });

export async function attachVolume(g: Guest, volume: VolumeConnection): Promise<VolumeAttachment> {
  const existing = g.domain.volumes.find((v) => v.volumeId === volume.volumeId);
  if (existing) return attachment(existing);
  try {
    await access(volume.path, volume.readOnly ? constants.R_OK : constants.R_OK | constants.W_OK);
  } catch (cause) {
    throw new DriverError("InvalidRequest", `volume ${volume.volumeId}: ${volume.path} is not accessible`, {
      uuid: g.uuid,
      cause,
    });
  }
  // Root is vda; flavor ephemeral/swap disks are not created by this driver, so volumes start at vdb.
  const device = nextDevice(["/dev/vda", ...g.domain.volumes.map((v) => v.device)]);
  const definition: VolumeDefinition = { ...volume, device };
  if ((await g.pid()) !== undefined) await g.plug(volumeBackend(definition), volumeDevice(definition));
  await g.save({ ...g.domain, volumes: [...g.domain.volumes, definition] });
  return attachment(definition);
}

export async function detachVolume(g: Guest, volumeId: string, timeoutMs: number): Promise<void> {
  const definition = g.domain.volumes.find((v) => v.volumeId === volumeId);
  if (!definition) return;
  if ((await g.pid()) !== undefined) {
    await g.unplug(volumeNodeId(volumeId), volumeBackend(definition), timeoutMs);
  }
  await g.save({ ...g.domain, volumes: g.domain.volumes.filter((v) => v.volumeId !== volumeId) });
}

export async function attachInterface(g: Guest, vif: NetworkInterface): Promise<void> {
  if (g.domain.interfaces.some((i) => i.portId === vif.portId)) return;
  const device = tapOf(vif);
  if (g.domain.interfaces.some((i) => tapOf(i) === device)) {
    throw new DriverError("InvalidRequest", `another port of the instance already uses tap ${device}`, {
      uuid: g.uuid,
    });
  }
  const slot = freeNicSlot(g.domain.interfaces);
  if (slot === undefined) {
    throw new DriverError("InvalidRequest", `instance ${g.uuid} has no free PCI slot for another NIC`, {
      uuid: g.uuid,
    });
  }
  const nic: NicDefinition = { ...vif, slot };
  await ensureTap(vif);
  try {
    if ((await g.pid()) !== undefined) await g.plug(nicBackend(vif), nicDevice(nic));
    await g.save({ ...g.domain, interfaces: [...g.domain.interfaces, nic] });
  } catch (err) {
    await removeTap(vif).catch(() => {});
    throw err;
  }
}

export async function detachInterface(g: Guest, portId: string, timeoutMs: number): Promise<void> {
  const vif = g.domain.interfaces.find((i) => i.portId === portId);
  if (!vif) return;
  if ((await g.pid()) !== undefined) await g.unplug(nicId(portId), nicBackend(vif), timeoutMs);
  // Recorded before the tap goes: a crash in between leaves a stray tap, never a NIC without its tap.
  await g.save({ ...g.domain, interfaces: g.domain.interfaces.filter((i) => i.portId !== portId) });
  await removeTap(vif);
}
