/** The host's totals as the control plane's inventory wants them (not usage: that comes from flavors). */
import { readFile, statfs } from "node:fs/promises";
import { availableParallelism, machine, totalmem } from "node:os";
import type { CpuInfo } from "../schemas.ts";

export async function diskGb(dir: string): Promise<number> {
  const fs = await statfs(dir);
  return Math.max(1, Math.floor((fs.blocks * fs.bsize) / 1024 ** 3));
}

export function memoryMb(): number {
  return Math.max(1, Math.floor(totalmem() / 1024 ** 2));
}

export function vcpus(): number {
  return Math.max(1, availableParallelism());
}

/** From /proc/cpuinfo (x86 field names; other architectures fall back to what `os` knows). */
export async function cpuInfo(): Promise<CpuInfo> {
  let text = "";
  try {
    text = await readFile("/proc/cpuinfo", "utf8");
  } catch {
    // Not Linux or no procfs: report what we know without it.
  }
  const processors = text.split(/\n\s*\n/).filter((block) => block.trim() !== "");
  const first = fields(processors[0] ?? "");
  const sockets = new Set(processors.map((p) => fields(p).get("physical id") ?? "0")).size || 1;
  const cores = positive(first.get("cpu cores")) ?? Math.max(1, Math.floor(vcpus() / sockets));
  const siblings = positive(first.get("siblings")) ?? cores;
  return {
    arch: machine(),
    model: first.get("model name") ?? "unknown",
    vendor: first.get("vendor_id") ?? "unknown",
    topology: { sockets, cores, threads: Math.max(1, Math.floor(siblings / cores)) },
    features: (first.get("flags") ?? "").split(/\s+/).filter((f) => f !== ""),
  };
}

function fields(block: string): Map<string, string> {
  const map = new Map<string, string>();
  for (const line of block.split("\n")) {
    const i = line.indexOf(":");
    if (i > 0) map.set(line.slice(0, i).trim(), line.slice(i + 1).trim());
  }
  return map;
}

function positive(value: string | undefined): number | undefined {
  const n = Number(value);
  return Number.isInteger(n) && n > 0 ? n : undefined;
}
