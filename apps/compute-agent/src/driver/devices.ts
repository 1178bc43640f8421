/** Guest device names, shared by every driver so Nova reports the same names whatever the hypervisor. */
import { DriverError } from "./errors.ts";

/** First free virtio device after the ones the flavor's disks take (vda root, then ephemeral, swap). */
export function nextDevice(taken: Iterable<string>): string {
  const used = new Set(taken);
  for (let c = "b".charCodeAt(0); c <= "z".charCodeAt(0); c++) {
    const device = `/dev/vd${String.fromCharCode(c)}`;
    if (!used.has(device)) return device;
  }
  throw new DriverError("OperationFailed", "no free virtio device name");
}
