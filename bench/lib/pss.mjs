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
