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
import { z } from "zod";
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
import { freeNicSlot, type NicDefinition } from "./instance-dir.ts";
import { nicDevice, nicId, tapNetdev } from "./process.ts";
import { ensureTap, removeTap } from "./taps.ts";
import {
  attachedNodes,
  definitionOf,
  removeKeys,
  type VolumeDefinition,
  volumeBackend,
  volumeDevice,
  volumeIds,
  writeKeys,
} from "./volumes.ts";

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

function nicBackend(vif: NetworkInterface): Backend {
  return {
    add: [{ command: "netdev_add", args: tapNetdev(vif) }],
    remove: [{ command: "netdev_del", args: { id: nicId(vif.portId) } }],
  };
}

const attachment = (v: VolumeDefinition): VolumeAttachment => ({
  attachmentId: v.attachmentId,
  volumeId: v.volumeId,
  bootIndex: v.bootIndex,
  device: v.device,
});

/**
 * The volumes the guest has: those of the definition, and while QEMU runs
 * only those whose node QEMU really has on a device (`query-block`). An
 * attach or detach cut off between QMP and saving the definition is thus
 * reported as what QEMU did; the next attach or detach finishes it
 * (`Guest.plug` leaves an existing device alone, `unplug` a missing one).
 */
export async function attachedVolumes(g: Guest): Promise<VolumeAttachment[]> {
  const answer = g.domain.volumes.length === 0 ? undefined : await g.query("query-block");
  if (answer === undefined) return g.domain.volumes.map(attachment);
  const nodes = attachedNodes(answer);
  return g.domain.volumes.filter((v) => nodes.has(volumeIds(v.attachmentId).node)).map(attachment);
}

/** A local file volume must be readable (and writable unless read-only) before QEMU is asked to open it. */
async function checkFile(g: Guest, volume: VolumeConnection): Promise<void> {
  const c = volume.connection;
  if (c.driver !== "file") return;
  try {
    await access(c.path, volume.readOnly ? constants.R_OK : constants.R_OK | constants.W_OK);
  } catch (cause) {
    throw new DriverError("InvalidRequest", `volume ${volume.volumeId}: ${c.path} is not accessible`, {
      uuid: g.uuid,
      cause,
    });
  }
}

/** Devices the instance's own disks take: vda for the root (a local disk or the boot volume). */
export function takenDevices(g: Guest): string[] {
  // Flavor ephemeral/swap disks are not created by this driver, so data volumes start at vdb.
  return ["/dev/vda", ...g.domain.volumes.map((v) => v.device)];
}

export async function attachVolume(g: Guest, volume: VolumeConnection): Promise<VolumeAttachment> {
  if (volume.bootIndex === 0) {
    throw new DriverError("InvalidRequest", "a boot volume is attached by spawn only", { uuid: g.uuid });
  }
  const existing = g.domain.volumes.find((v) => v.attachmentId === volume.attachmentId);
  if (existing) return attachment(existing);
  await checkFile(g, volume);
  const definition = definitionOf(volume, nextDevice(takenDevices(g)));
  await writeKeys(g.paths.dir, volume);
  try {
    if ((await g.pid()) !== undefined) {
      await g.plug(volumeBackend(g.paths.dir, definition), volumeDevice(definition));
    }
    await g.save({ ...g.domain, volumes: [...g.domain.volumes, definition] });
  } catch (err) {
    await removeKeys(g.paths.dir, volume.attachmentId).catch(() => {});
    throw err;
  }
  return attachment(definition);
}

export async function detachVolume(g: Guest, attachmentId: string, timeoutMs: number): Promise<void> {
  const definition = g.domain.volumes.find((v) => v.attachmentId === attachmentId);
  if (!definition) return;
  if (definition.bootIndex === 0) {
    throw new DriverError("InvalidRequest", `attachment ${attachmentId} is the root disk`, { uuid: g.uuid });
  }
  if ((await g.pid()) !== undefined) {
    const { device } = volumeIds(attachmentId);
    await g.unplug(device, volumeBackend(g.paths.dir, definition), timeoutMs);
  }
  // Recorded before the keys go: a crash in between leaves stray keys, never a disk without its keys.
  await g.save({ ...g.domain, volumes: g.domain.volumes.filter((v) => v.attachmentId !== attachmentId) });
  await removeKeys(g.paths.dir, attachmentId);
}

const ZNamedNodes = z.array(
  z.looseObject({ "node-name": z.string(), image: z.looseObject({ "virtual-size": z.number() }) }),
);

/**
 * A running guest's volume grown on its volume host: NBD has no resize
 * notice, so a read through the node first makes QEMU's client reconnect to
 * the re-added export and learn its size; then the node grows, and with it
 * the virtio disk, which tells the guest. A stopped guest opens the export
 * at its new size when it starts.
 */
export async function growVolume(g: Guest, attachmentId: string, sizeBytes: number): Promise<void> {
  const definition = g.domain.volumes.find((v) => v.attachmentId === attachmentId);
  if (!definition) {
    throw new DriverError("InvalidRequest", `attachment ${attachmentId} is not on the instance`, {
      uuid: g.uuid,
    });
  }
  const { node } = volumeIds(attachmentId);
  const sizeOf = async () => {
    const nodes = ZNamedNodes.safeParse(await g.query("query-named-block-nodes"));
    return nodes.success ? nodes.data.find((n) => n["node-name"] === node)?.image["virtual-size"] : undefined;
  };
  const current = await sizeOf();
  if (current === undefined || current >= sizeBytes) return;
  await g.query("human-monitor-command", { "command-line": `qemu-io ${node} "read 0 512"` });
  await g.query("block_resize", { "node-name": node, size: sizeBytes });
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
