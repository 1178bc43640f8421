/**
 * The fake driver's tap devices: one per guest NIC, named as the port says,
 * held host-wide (a name is one device, whichever guest has it) and, when
 * a folder is given, mirrored as `@zenith/agent-runtime/fake-taps` records
 * so the fake network driver of the same host sees them.
 */
import { type FakeTap, removeFakeTap, writeFakeTap } from "@zenith/agent-runtime/fake-taps";
import { DriverError } from "./errors.ts";
import { type NetworkInterface, tapOf } from "./schemas.ts";

export class FakeTaps {
  private readonly taps = new Map<string, FakeTap>();

  constructor(private readonly dir: string | undefined) {}

  list(): FakeTap[] {
    return [...this.taps.values()].map((t) => ({ ...t }));
  }

  /** Refuses (synchronously, before anything changes) a tap another guest or port holds. */
  check(uuid: string, vifs: Iterable<NetworkInterface>): void {
    for (const vif of vifs) {
      const held = this.taps.get(tapOf(vif));
      if (held && (held.instance !== uuid || held.portId !== vif.portId)) {
        throw new DriverError("InvalidRequest", `tap ${tapOf(vif)} is in use by port ${held.portId}`, {
          uuid,
        });
      }
    }
  }

  async add(uuid: string, vif: NetworkInterface): Promise<void> {
    const tap: FakeTap = {
      device: tapOf(vif),
      portId: vif.portId,
      instance: uuid,
      mac: vif.macAddress,
      ...(vif.mtu === undefined ? {} : { mtu: vif.mtu }),
    };
    this.taps.set(tap.device, tap);
    if (this.dir !== undefined) await writeFakeTap(this.dir, tap);
  }

  async remove(vif: NetworkInterface): Promise<void> {
    const device = tapOf(vif);
    if (this.taps.get(device)?.portId !== vif.portId) return;
    this.taps.delete(device);
    if (this.dir !== undefined) await removeFakeTap(this.dir, device);
  }
}
