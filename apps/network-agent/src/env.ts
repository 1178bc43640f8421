/**
 * The network agent's environment, parsed once at start (nothing else reads
 * `process.env`).
 */
import { hostname } from "node:os";
import { ZMeteringEnv } from "@zenith/agent-runtime/agent-metering";
import { ZAgentRuntimeEnv } from "@zenith/agent-runtime/env";
import { z } from "zod";
import { ZL3Env } from "./driver/linux/l3/env.ts";

const positiveInt = z.coerce.number().int().positive();

export const ZNetworkAgentEnv = ZAgentRuntimeEnv.extend({
  /** The host this agent wires; the same name as the host's compute agent (they share its credential). */
  ZENITH_NETWORK_HOST: z
    .string()
    .min(1)
    .max(240)
    .default(() => hostname()),
  /** How many hosts this process runs: `<host>`, `<host>-2`, … like ZENITH_COMPUTE_AGENTS. */
  ZENITH_NETWORK_AGENTS: positiveInt.max(1000).default(1),
  /**
   * `fake`: in memory; `linux`: bridges, VXLAN, nftables; `auto`: linux when
   * this process can really change networking (probed), else fake.
   */
  ZENITH_NETWORK_DRIVER: z.enum(["fake", "linux", "auto"]).default("auto"),
  /**
   * linux only: wire this network namespace instead of the agent's own (it
   * must exist), so several simulated hosts share one machine (tests,
   * demos). `{host}` is replaced by each host's name; without it only the
   * first host of the process gets the linux driver.
   */
  ZENITH_NETWORK_NETNS: z
    .string()
    .regex(/^[A-Za-z0-9_.{}-]{1,64}$/)
    .optional(),
  /**
   * fake only: `files`, a port is wired once its tap exists: the fake
   * compute driver's tap file (`<data>/fake-taps/<host>/<device>.json`) or a
   * real device (a QEMU host with simulated networking), as a real port
   * waits for QEMU's tap; `all`, every desired port counts as plugged.
   */
  ZENITH_FAKE_TAPS: z.enum(["files", "all"]).default("files"),
  /** This host's VXLAN endpoint (the local address of its vxlan devices). */
  ZENITH_TUNNEL_IP: z.ipv4().default("127.0.0.1"),
  /** Physical networks bridged on this host, comma-separated (the flat external network's `public`). */
  ZENITH_PHYSNETS: z
    .string()
    .default("public")
    .transform((s) =>
      s
        .split(",")
        .map((p) => p.trim())
        .filter((p) => p !== ""),
    )
    .pipe(z.array(z.string().min(1).max(64)).max(16)),
  /** How often everything is re-checked against the desired state (a deleted bridge comes back). */
  ZENITH_NETWORK_RESYNC_S: positiveInt.default(15),
  LOG_LEVEL: z.enum(["fatal", "error", "warn", "info", "debug", "trace", "silent"]).default("info"),
  // ZENITH_METERING_INTERVAL_MS: how often routers' and floating IPs' counters are sampled.
  ...ZMeteringEnv.shape,
  // The outside world and DHCP of the linux driver (ZENITH_PUBLIC_CIDR, ZENITH_EXTERNAL_INTERFACE…).
  ...ZL3Env.shape,
});
export type NetworkAgentEnv = z.infer<typeof ZNetworkAgentEnv>;

/** `web`, `web-2`, `web-3`: the hosts one process runs (the same names as the compute agents'). */
export function hostNames(base: string, count: number): string[] {
  return Array.from({ length: count }, (_, i) => (i === 0 ? base : `${base}-${i + 1}`));
}
