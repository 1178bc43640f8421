import { type ChildProcess, spawn } from "node:child_process";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

const ROOT = join(dirname(fileURLToPath(import.meta.url)), "../..");

/**
 * Runs the real compute agent (fake or qemu driver) as its own process, as
 * `npm start` does, dialing the control plane under test.
 */
export function startComputeAgent(opts: {
  controlUrl: string;
  /** The join-token file the control plane keeps in its data folder: each host enrols with it. */
  joinTokenFile: string;
  dataDir: string;
  host: string;
  count?: number;
  /** `fake` (default) or `qemu`. */
  driver?: "fake" | "qemu";
}): { child: ChildProcess; stop(): Promise<void> } {
  const child = spawn(join(ROOT, "node_modules/.bin/tsx"), ["src/main.ts"], {
    cwd: join(ROOT, "apps/compute-agent"),
    env: {
      ...process.env,
      ZENITH_CONTROL_URL: opts.controlUrl,
      ZENITH_AGENT_JOIN_TOKEN_FILE: opts.joinTokenFile,
      ZENITH_DATA_DIR: opts.dataDir,
      ZENITH_COMPUTE_HOST: opts.host,
      ZENITH_COMPUTE_AGENTS: String(opts.count ?? 1),
      ZENITH_COMPUTE_DRIVER: opts.driver ?? "fake",
      LOG_LEVEL: "warn",
    },
    stdio: ["ignore", "inherit", "inherit"],
  });
  return {
    child,
    stop: () =>
      new Promise<void>((resolve) => {
        if (child.exitCode !== null) return resolve();
        child.once("exit", () => resolve());
        child.kill("SIGTERM");
      }),
  };
}

/**
 * Runs the real network agent with its fake driver (nothing is wired for
 * real) for the compute agent's hosts: the same host names, whose
 * credential it shares, so their ports get bound and go ACTIVE.
 */
export function startNetworkAgent(opts: {
  controlUrl: string;
  joinTokenFile: string;
  dataDir: string;
  host: string;
  count?: number;
}): { child: ChildProcess; stop(): Promise<void> } {
  const child = spawn(join(ROOT, "node_modules/.bin/tsx"), ["src/main.ts"], {
    cwd: join(ROOT, "apps/network-agent"),
    env: {
      ...process.env,
      ZENITH_CONTROL_URL: opts.controlUrl,
      ZENITH_AGENT_JOIN_TOKEN_FILE: opts.joinTokenFile,
      ZENITH_DATA_DIR: opts.dataDir,
      ZENITH_NETWORK_HOST: opts.host,
      ZENITH_NETWORK_AGENTS: String(opts.count ?? 1),
      ZENITH_NETWORK_DRIVER: "fake",
      // Every desired port counts as plugged: no wait for the fake compute driver's tap files.
      ZENITH_FAKE_TAPS: "all",
      LOG_LEVEL: "warn",
    },
    stdio: ["ignore", "inherit", "inherit"],
  });
  return {
    child,
    stop: () =>
      new Promise<void>((resolve) => {
        if (child.exitCode !== null) return resolve();
        child.once("exit", () => resolve());
        child.kill("SIGTERM");
      }),
  };
}
