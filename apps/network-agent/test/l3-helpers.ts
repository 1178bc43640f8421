/**
 * Shared by the L3 suites: unique names per run (other engineers run similar
 * suites on the same kernel at the same time) and a ledger of what a suite
 * created so afterAll removes all of it even when a test failed half-way.
 */
import { randomBytes } from "node:crypto";
import { chmod, readFile, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { run, tryRun } from "../src/driver/linux/exec.ts";
import { deleteNetns } from "../src/driver/linux/l3/iproute.ts";

/** Whether this process may create network namespaces (root with CAP_SYS_ADMIN and CAP_NET_ADMIN). */
export async function canUseNetns(): Promise<boolean> {
  const probe = `zt-probe-${randomBytes(4).toString("hex")}`;
  if (!(await tryRun(["ip", "netns", "add", probe]))) return false;
  await tryRun(["ip", "netns", "del", probe]);
  return true;
}

/** A random id shaped like a Neutron UUID (device names use its first 11 characters). */
export const fakeUuid = (): string => {
  const h = randomBytes(16).toString("hex");
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20)}`;
};

export const fakeMac = (): string =>
  `fa:16:3e:${[...randomBytes(3)].map((b) => b.toString(16).padStart(2, "0")).join(":")}`;

export class Namespaces {
  private readonly made: string[] = [];
  constructor(readonly suffix = randomBytes(3).toString("hex")) {}
  async add(role: string): Promise<string> {
    const name = `zt-${role}-${this.suffix}`;
    await run(["ip", "netns", "add", name]);
    this.made.push(name);
    await run(["ip", "link", "set", "lo", "up"], { netns: name });
    return name;
  }
  async removeAll(): Promise<void> {
    for (const ns of this.made.reverse()) await deleteNetns(ns).catch(() => undefined);
  }
}

/** A bridge inside the test's host namespace, as L2 would make it. */
export async function addBridge(hostNs: string, name: string): Promise<void> {
  await run(["ip", "link", "add", name, "type", "bridge"], { netns: hostNs });
  await run(["ip", "link", "set", name, "up"], { netns: hostNs });
}

/** A "guest": a namespace whose eth0 (with the port's MAC) is a veth into `bridge` of the host namespace. */
export async function addGuest(
  hostNs: string,
  guestNs: string,
  bridge: string,
  hostDev: string,
  mac: string,
): Promise<void> {
  await run(["ip", "link", "add", hostDev, "type", "veth", "peer", "name", "eth0", "netns", guestNs], {
    netns: hostNs,
  });
  await run(["ip", "link", "set", hostDev, "master", bridge, "up"], { netns: hostNs });
  await run(["ip", "link", "set", "eth0", "address", mac, "up"], { netns: guestNs });
}

/**
 * A udhcpc hook that applies the lease as a small cloud image would (address,
 * MTU, classless routes else the router) and leaves the lease's variables
 * in `<dir>/lease.env` for the test to read.
 */
export async function writeUdhcpcScript(dir: string): Promise<string> {
  const path = join(dir, "udhcpc.sh");
  await writeFile(
    path,
    `#!/bin/sh
case "$1" in bound|renew) ;; *) exit 0 ;; esac
env | grep -E '^(ip|mask|router|mtu|hostname|staticroutes|dns|serverid)=' | sort > "${dir}/lease.env"
ip addr flush dev "$interface"
ip addr add "$ip/$mask" dev "$interface"
[ -n "$mtu" ] && ip link set dev "$interface" mtu "$mtu"
if [ -n "$staticroutes" ]; then
  set -- $staticroutes
  while [ $# -ge 2 ]; do ip route replace "$1" via "$2" dev "$interface"; shift 2; done
elif [ -n "$router" ]; then
  ip route replace default via "$router" dev "$interface"
fi
`,
  );
  await chmod(path, 0o755);
  return path;
}

/** Runs udhcpc once in the guest (bounded retries) and returns the lease's variables. */
export async function dhcpLease(
  guestNs: string,
  dir: string,
  script: string,
): Promise<Record<string, string>> {
  await run(
    [
      "busybox",
      "udhcpc",
      "-i",
      "eth0",
      "-n",
      "-q",
      "-f",
      "-t",
      "5",
      "-T",
      "1",
      "-s",
      script,
      "-O",
      "mtu",
      "-O",
      "staticroutes",
    ],
    { netns: guestNs, timeoutMs: 30_000 },
  );
  const env = await readFile(join(dir, "lease.env"), "utf8");
  return Object.fromEntries(
    env
      .split("\n")
      .filter((l) => l.includes("="))
      .map((l) => [l.slice(0, l.indexOf("=")), l.slice(l.indexOf("=") + 1)]),
  );
}

/**
 * An HTTP GET from inside a namespace with busybox wget; the body. Bounded by
 * the runner's timeout: Debian 12's busybox wget crashes on `-T` (segfault).
 */
export async function guestGet(
  netns: string,
  url: string,
  headers: string[] = [],
  timeoutMs = 15_000,
): Promise<string> {
  return run(["busybox", "wget", "-q", "-O", "-", ...headers.flatMap((h) => ["--header", h]), url], {
    netns,
    timeoutMs,
  });
}
