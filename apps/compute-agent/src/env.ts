/**
 * The agent's environment, parsed once at start (nothing else reads
 * `process.env`), and the few values derived from it.
 */
import { readFile } from "node:fs/promises";
import { hostname, networkInterfaces } from "node:os";
import { join, resolve } from "node:path";
import { z } from "zod";

const positiveInt = z.coerce.number().int().positive();

export const ZAgentEnv = z.object({
  ZENITH_CONTROL_URL: z.url({ protocol: /^https?$/ }).default("http://localhost:5000"),
  ZENITH_AGENT_TOKEN: z.string().min(1).optional(),
  /** Default `<ZENITH_DATA_DIR>/agent-token`, where the control plane's bootstrap writes it. */
  ZENITH_AGENT_TOKEN_FILE: z.string().min(1).optional(),
  ZENITH_DATA_DIR: z.string().min(1).default("./.zenith"),
  ZENITH_COMPUTE_HOST: z
    .string()
    .min(1)
    .max(240)
    .default(() => hostname()),
  /** `qemu` joins once its driver exists. */
  ZENITH_COMPUTE_DRIVER: z.enum(["fake"]).default("fake"),
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
  LOG_LEVEL: z.enum(["fatal", "error", "warn", "info", "debug", "trace", "silent"]).default("info"),
});
export type AgentEnv = z.infer<typeof ZAgentEnv>;

/**
 * The token is re-read on every connection attempt, not once: on a fresh
 * single-machine install the control plane may write the file after the
 * agent starts, and a rotated token is picked up by the next reconnect.
 */
export function agentTokenProvider(env: AgentEnv): () => Promise<string> {
  const inline = env.ZENITH_AGENT_TOKEN;
  if (inline !== undefined) return async () => inline;
  const file = resolve(env.ZENITH_AGENT_TOKEN_FILE ?? join(env.ZENITH_DATA_DIR, "agent-token"));
  return async () => {
    const token = (await readFile(file, "utf8")).trim();
    if (token === "") throw new Error(`agent token file ${file} is empty`);
    return token;
  };
}

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
