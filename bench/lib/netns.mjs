// Network namespaces a benchmark makes on the machine, and proof that it left
// nothing behind. Other work (the traffic suite, CI, other sessions) makes
// namespaces on the same kernel at the same time: only names a benchmark
// made, or derived from ids of its own cloud, are ever touched.
import { spawnSync } from "node:child_process";

function ip(args, input) {
  const res = spawnSync("ip", args, { encoding: "utf8", input });
  if (res.status !== 0) throw new Error(`ip ${args.join(" ")}: ${(res.stderr ?? "").trim()}`);
  return res.stdout ?? "";
}

/** Every namespace name on the machine (`ip netns list`). */
export function namespaceNames() {
  return ip(["netns", "list"])
    .split("\n")
    .map((line) => line.split(" ")[0] ?? "")
    .filter((name) => name !== "");
}

/** Pids of the processes living in a namespace (dnsmasq, a socat…); none when it is gone. */
export function namespacePids(ns) {
  const res = spawnSync("ip", ["netns", "pids", ns], { encoding: "utf8" });
  return (res.stdout ?? "")
    .split("\n")
    .filter((p) => /^\d+$/.test(p))
    .map(Number);
}

/**
 * A namespace with loopback up, and `batch` (lines of `ip -batch`) run inside it.
 * The caller records the name for removeNamespaces before anything can fail.
 */
export function addNamespace(ns, batch = []) {
  ip(["netns", "add", ns]);
  ip(["-n", ns, "-batch", "-"], `${["link set lo up", ...batch].join("\n")}\n`);
}

/**
 * Removes namespaces: first the processes inside them (a daemon such as
 * dnsmasq outlives the agent that started it on purpose, and would keep
 * its namespace alive), then the namespaces, whose devices and nftables
 * tables go with them. Names not present are skipped.
 */
export function removeNamespaces(names) {
  const present = new Set(namespaceNames());
  for (const ns of names) {
    if (!present.has(ns)) continue;
    for (const pid of namespacePids(ns)) {
      try {
        process.kill(pid, "SIGKILL");
      } catch {
        // Gone meanwhile.
      }
    }
    spawnSync("ip", ["netns", "del", ns]);
  }
}

/**
 * What the machine's own namespace holds that a contained benchmark must
 * never change: its links and its nftables tables. Compare a snapshot taken
 * before with one taken after (other work may add its own meanwhile, so
 * only what appeared is reported, and the caller judges whose it is).
 */
export function rootNetworking() {
  const links = JSON.parse(ip(["-j", "link", "show"])).map((l) => l.ifname);
  const nft = spawnSync("nft", ["list", "tables"], { encoding: "utf8" });
  const tables = (nft.stdout ?? "")
    .split("\n")
    .map((l) => l.trim())
    .filter((l) => l.startsWith("table "));
  return { links, tables };
}

/** What `after` has that `before` had not (links and nftables tables of the machine's namespace). */
export function rootNetworkingAdded(before, after) {
  return [
    ...after.links.filter((l) => !before.links.includes(l)).map((l) => `link ${l}`),
    ...after.tables.filter((t) => !before.tables.includes(t)),
  ];
}
