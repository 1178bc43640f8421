/**
 * The agent's environment, parsed once at start (nothing else reads
 * `process.env`), and the few values derived from it.
 */
import { constants } from "node:fs";
import { access } from "node:fs/promises";
import { hostname, networkInterfaces } from "node:os";
import { delimiter, join } from "node:path";
import { ZMeteringEnv } from "@zenith/agent-runtime/agent-metering";
import { ZAgentRuntimeEnv } from "@zenith/agent-runtime/env";
import { z } from "zod";

const positiveInt = z.coerce.number().int().positive();

export const ZAgentEnv = ZAgentRuntimeEnv.extend({
  ZENITH_COMPUTE_HOST: z
    .string()
    .min(1)
    .max(240)
    .default(() => hostname()),
  /** `fake`: in-memory hosts; `qemu`: real guests; `auto`: qemu when qemu-system-x86_64 is on PATH, else fake. */
  ZENITH_COMPUTE_DRIVER: z.enum(["fake", "qemu", "auto"]).default("fake"),
  /** qemu only: `auto` boots a probe guest under KVM once and uses TCG unless it really ran. */
  ZENITH_QEMU_ACCEL: z.enum(["auto", "kvm", "tcg"]).default("auto"),
  /**
   * qemu only: zenith-tiny (`kernel`, `initrd`), which `auto` boots under KVM to prove it runs Linux.
   * Default: the repository's `.cache/zenith-tiny` (scripts/tiny-image/build.sh).
   */
  ZENITH_TINY_IMAGE_DIR: z.string().min(1).optional(),
  /** Searched for the QEMU binary when ZENITH_COMPUTE_DRIVER=auto. */
  PATH: z.string().default(""),
  ZENITH_AVAILABILITY_ZONE: z.string().min(1).default("nova"),
  /** The address reported as the hypervisor's `host_ip`; default: the first non-internal IPv4. */
  ZENITH_HOST_IP: z.string().min(1).optional(),
  ZENITH_FAKE_VCPUS: positiveInt.default(16),
  ZENITH_FAKE_MEMORY_MB: positiveInt.default(32768),
  ZENITH_FAKE_DISK_GB: positiveInt.default(500),
  /** How many agents (fake hosts) this process runs: `<host>`, `<host>-2`, … */
  ZENITH_COMPUTE_AGENTS: positiveInt.max(1000).default(1),
  /** How often the actual power state of every guest is compared with the last report. */
  ZENITH_POWER_SYNC_S: positiveInt.default(10),
  // ZENITH_METERING_INTERVAL_MS: how often guests and the host are metered (the agents' shared knob).
  ...ZMeteringEnv.shape,
  LOG_LEVEL: z.enum(["fatal", "error", "warn", "info", "debug", "trace", "silent"]).default("info"),
});
export type AgentEnv = z.infer<typeof ZAgentEnv>;

/** `web`, `web-2`, `web-3`: the hosts one process runs. */
export function hostNames(base: string, count: number): string[] {
  return Array.from({ length: count }, (_, i) => (i === 0 ? base : `${base}-${i + 1}`));
}

export function defaultHostIp(): string {
  for (const addresses of Object.values(networkInterfaces())) {
    for (const a of addresses ?? []) if (a.family === "IPv4" && !a.internal) return a.address;
  }
  return "127.0.0.1";
}

/** The driver `ZENITH_COMPUTE_DRIVER` means on this machine (`auto` resolved by looking for QEMU). */
export async function computeDriverKind(env: AgentEnv): Promise<"fake" | "qemu"> {
  if (env.ZENITH_COMPUTE_DRIVER !== "auto") return env.ZENITH_COMPUTE_DRIVER;
  return (await onPath(env.PATH, "qemu-system-x86_64")) ? "qemu" : "fake";
}

async function onPath(path: string, binary: string): Promise<boolean> {
  for (const dir of path.split(delimiter).filter((d) => d !== "")) {
    const found = await access(join(dir, binary), constants.X_OK).then(
      () => true,
      () => false,
    );
    if (found) return true;
  }
  return false;
}
