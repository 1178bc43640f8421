/**
 * The host side of a guest NIC: a persistent tap device per port, created by
 * the agent (`ip tuntap add … mode tap`, MTU, up) before QEMU starts and
 * opened by QEMU by name (`-netdev tap,ifname=…,script=no`).
 *
 * Why persistent taps and not QEMU-created ones: a tap QEMU creates lives
 * only as long as that QEMU process. Every reboot, resize, rebuild or power
 * cycle would delete it and create a new one, dropping it from the network
 * agent's bridge and its netfilter rules until the agent noticed and wired
 * it again (traffic cut, port flapping DOWN). A persistent tap is kernel
 * state that outlives QEMU restarts and agent restarts alike, keeps its
 * bridge port, MTU and rules, and is removed only when the port goes
 * (detach) or the instance goes (destroy). Nova's os-vif does the same for
 * its "tap" VIF type.
 */
import { execFile } from "node:child_process";
import { readFile } from "node:fs/promises";
import { promisify } from "node:util";
import type { NicCounters } from "../counters.ts";
import { type NetworkInterface, tapOf } from "../schemas.ts";
import { isMissing } from "./instance-dir.ts";

const execFileAsync = promisify(execFile);
const IP_TIMEOUT_MS = 10_000;
/** `tun_flags` bit of a tap (as opposed to a tun) device: IFF_TAP. */
const IFF_TAP = 0x0002;

async function ip(args: string[]): Promise<void> {
  try {
    await execFileAsync("ip", args, { timeout: IP_TIMEOUT_MS, killSignal: "SIGKILL" });
  } catch (err) {
    const stderr = err instanceof Error && "stderr" in err ? String(err.stderr).trim() : "";
    throw new Error(`ip ${args.join(" ")} failed${stderr ? `: ${stderr}` : ""}`, { cause: err });
  }
}

/** "tap" when `name` is a tap device, "other" when some other device has the name, undefined when none does. */
export async function deviceKind(name: string): Promise<"tap" | "other" | undefined> {
  try {
    const flags = Number.parseInt((await readFile(`/sys/class/net/${name}/tun_flags`, "utf8")).trim(), 16);
    return Number.isInteger(flags) && (flags & IFF_TAP) !== 0 ? "tap" : "other";
  } catch (err) {
    if (!isMissing(err)) throw err;
    try {
      await readFile(`/sys/class/net/${name}/ifindex`, "utf8");
      return "other";
    } catch (inner) {
      if (isMissing(inner)) return undefined;
      throw inner;
    }
  }
}

/**
 * The NIC's tap exists, is up and has the port's MTU. Idempotent; a device
 * of that name that is not a tap is refused rather than taken over.
 */
export async function ensureTap(vif: NetworkInterface): Promise<void> {
  const name = tapOf(vif);
  const kind = await deviceKind(name);
  if (kind === "other") throw new Error(`${name} exists on the host and is not a tap device`);
  if (kind === undefined) {
    try {
      await ip(["tuntap", "add", "dev", name, "mode", "tap"]);
    } catch (err) {
      // A concurrent creation of the same tap (two passes racing) is fine.
      if ((await deviceKind(name)) !== "tap") throw err;
    }
  }
  await ip(["link", "set", "dev", name, ...(vif.mtu === undefined ? [] : ["mtu", String(vif.mtu)]), "up"]);
}

/** Removes the NIC's tap; already gone is success. Only a tap is ever deleted. */
export async function removeTap(vif: NetworkInterface): Promise<void> {
  const name = tapOf(vif);
  if ((await deviceKind(name)) !== "tap") return;
  try {
    await ip(["link", "del", "dev", name]);
  } catch (err) {
    if ((await deviceKind(name)) !== undefined) throw err;
  }
}

export async function ensureTaps(vifs: readonly NetworkInterface[]): Promise<void> {
  for (const vif of vifs) await ensureTap(vif);
}

/** Removes every tap, trying all of them; the first failure is thrown after. */
export async function removeTaps(vifs: readonly NetworkInterface[]): Promise<void> {
  const results = await Promise.allSettled(vifs.map((vif) => removeTap(vif)));
  const failed = results.find((r) => r.status === "rejected");
  if (failed) throw failed.reason;
}

/**
 * A tap's counters in the GUEST's direction (`/sys/class/net/<tap>/statistics`):
 * the host side transmits what the guest receives. Undefined when the tap is
 * gone (a host reboot, or a detach racing the read).
 */
export async function readTapCounters(vif: NetworkInterface): Promise<NicCounters | undefined> {
  const tap = tapOf(vif);
  const read = async (name: string) => {
    const value = Number((await readFile(`/sys/class/net/${tap}/statistics/${name}`, "utf8")).trim());
    if (!Number.isSafeInteger(value) || value < 0) throw new Error(`${tap} ${name}: not a counter`);
    return value;
  };
  try {
    const [txBytes, rxBytes, txPackets, rxPackets] = await Promise.all(
      ["tx_bytes", "rx_bytes", "tx_packets", "rx_packets"].map(read),
    );
    return {
      tap,
      incomingBytes: txBytes ?? 0,
      outgoingBytes: rxBytes ?? 0,
      incomingPackets: txPackets ?? 0,
      outgoingPackets: rxPackets ?? 0,
    };
  } catch (err) {
    if (isMissing(err)) return undefined;
    throw err;
  }
}
