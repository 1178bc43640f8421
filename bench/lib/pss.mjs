// Proportional set size (PSS) of processes, read from /proc: what the memory figures in docs/benchmarks.md measure.
import { readdirSync, readFileSync } from "node:fs";

/** PSS in KiB of one process (0 when it is gone). */
export function pssKib(pid) {
  try {
    const rollup = readFileSync(`/proc/${pid}/smaps_rollup`, "utf8");
    return Number(/^Pss:\s+(\d+)/m.exec(rollup)?.[1] ?? 0);
  } catch {
    return 0;
  }
}

export function childrenOf(pid) {
  try {
    return readdirSync(`/proc/${pid}/task`).flatMap((tid) =>
      readFileSync(`/proc/${pid}/task/${tid}/children`, "utf8")
        .trim()
        .split(/\s+/)
        .filter(Boolean)
        .map(Number),
    );
  } catch {
    return [];
  }
}

/** PSS of a process and all its descendants, in MiB. */
export function treePssMib(pid) {
  const walk = (p) => pssKib(p) + childrenOf(p).reduce((sum, kid) => sum + walk(kid), 0);
  return walk(pid) / 1024;
}

/**
 * One row per service of a stack (children from scripts/lib/processes.mjs's
 * startService): named by the service each child runs, never by its place in
 * the list, which changes whenever `npm start` gains a service (the network
 * and volume agents did, after bench/memory.mjs named rows by position).
 */
export function pssRowsByService(children) {
  return children.map((child) => {
    if (typeof child.serviceName !== "string" || child.serviceName === "") {
      throw new Error(`process ${child.pid} has no service name (start it with startService)`);
    }
    return { name: child.serviceName, mib: treePssMib(child.pid) };
  });
}

/** A process's kind: its command name (`/proc/<pid>/comm`: node, dnsmasq, ip, nft…), or null when it is gone. */
export function processKind(pid) {
  try {
    return readFileSync(`/proc/${pid}/comm`, "utf8").trim();
  } catch {
    return null;
  }
}

/** Every descendant of a process (children, their children…), not the process itself. */
export function descendantsOf(pid) {
  return childrenOf(pid).flatMap((kid) => [kid, ...descendantsOf(kid)]);
}

/**
 * PSS of processes grouped by kind: `[{ kind, count, mib }]`, largest first.
 * Processes gone before they were read are left out.
 */
export function pssByKind(pids) {
  const rows = new Map();
  for (const pid of new Set(pids)) {
    const kind = processKind(pid);
    if (kind === null) continue;
    const row = rows.get(kind) ?? { kind, count: 0, mib: 0 };
    row.count += 1;
    row.mib += pssKib(pid) / 1024;
    rows.set(kind, row);
  }
  return [...rows.values()].sort((a, b) => b.mib - a.mib);
}
