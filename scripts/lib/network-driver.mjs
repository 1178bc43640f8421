// What ZENITH_NETWORK_DRIVER means for `npm start` on this machine.
import { spawnSync } from "node:child_process";
import { existsSync } from "node:fs";
import { join } from "node:path";
import { NODE_TS } from "./processes.mjs";

const ROOT = new URL("../..", import.meta.url).pathname.replace(/\/$/, "");

export const NETWORK_DRIVERS = ["fake", "linux", "auto"];

/** The network agent's own probe, so `npm start` and the agent can never disagree on what this machine allows. */
const AGENT_PROBE = join(ROOT, "apps/network-agent/src/driver/linux/probe.ts");

/**
 * `{ driver, fakeReason, detail }` for `ZENITH_NETWORK_DRIVER` (fake | linux
 * | auto, default auto): `auto` is linux where this process can really
 * change networking (the network agent's probe: a throwaway namespace with
 * a bridge and an nftables table), fake otherwise; `fake` is chosen;
 * `linux` throws, saying why, where it cannot work. `fakeReason` is what
 * the portal's banner says: chosen or no-privilege.
 */
export function chooseNetworkDriver(
  setting = process.env.ZENITH_NETWORK_DRIVER || "auto",
  deps = { probeNetworking },
) {
  if (!NETWORK_DRIVERS.includes(setting)) {
    throw new Error(`ZENITH_NETWORK_DRIVER must be one of ${NETWORK_DRIVERS.join(", ")} (got "${setting}")`);
  }
  if (setting === "fake") return { driver: "fake", fakeReason: "chosen", detail: null };
  const probe = deps.probeNetworking();
  if (probe.ok) return { driver: "linux", fakeReason: null, detail: null };
  if (setting === "linux") {
    throw new Error(
      `ZENITH_NETWORK_DRIVER=linux but this machine cannot change networking (${probe.reason}): ` +
        "run as root (or with CAP_NET_ADMIN) with iproute2, nftables and dnsmasq installed " +
        "(scripts/ensure-system-deps.sh network), or set ZENITH_NETWORK_DRIVER=fake",
    );
  }
  return { driver: "fake", fakeReason: "no-privilege", detail: probe.reason };
}

/** Runs the network agent's probe in a child process: `{ ok: true }` or `{ ok: false, reason }`. */
export function probeNetworking() {
  if (!existsSync(AGENT_PROBE))
    return { ok: false, reason: "the network agent's linux driver is not present" };
  const script = `const { probeLinuxNetworking } = await import(${JSON.stringify(AGENT_PROBE)});
process.stdout.write(JSON.stringify(await probeLinuxNetworking()));`;
  const res = spawnSync(NODE_TS[0], [...NODE_TS.slice(1), "--input-type=module", "-e", script], {
    cwd: ROOT,
    encoding: "utf8",
    timeout: 30_000,
  });
  try {
    const result = JSON.parse(res.stdout);
    if (result && typeof result.ok === "boolean")
      return result.ok ? { ok: true } : { ok: false, reason: String(result.reason) };
  } catch {
    // Reported below with what the child said.
  }
  return {
    ok: false,
    reason: `the probe failed (exit ${res.status}): ${(res.stderr ?? "").trim().slice(0, 300)}`,
  };
}
