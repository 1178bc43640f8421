import { type ChildProcess, spawn } from "node:child_process";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

const ROOT = join(dirname(fileURLToPath(import.meta.url)), "../..");

export interface VolumeAgentProcess {
  child: ChildProcess;
  /** The storage folder (`<dataDir>/volumes/<host>`): volume files and `exports/<attachmentId>/`. */
  storageDir: string;
  /** Resolves once the process has exited (with its exit code, or null after a signal). */
  exited: Promise<number | null>;
  /** SIGTERM (the agent stops; export daemons keep serving, as in production). */
  stop(): Promise<void>;
  /** SIGKILL: the agent dies at once, mid-pass (a crash); export daemons are not its children and stay. */
  kill(): Promise<void>;
}

/**
 * Runs the real volume agent as its own process, as `npm start` does,
 * dialing the control plane under test and enrolling with its join token.
 * Node runs `--import tsx` itself (not the `tsx` launcher, which would sit
 * in between as a parent) so the child's pid is the agent: a SIGKILL kills
 * the agent, not only a wrapper.
 */
export function startVolumeAgent(opts: {
  controlUrl: string;
  /** The join-token file the control plane keeps in its data folder. */
  joinTokenFile: string;
  dataDir: string;
  host: string;
  /** `file` (qcow2 over NBD by qemu-storage-daemon) or `fake` (in memory). */
  driver: "file" | "fake";
  /** Full re-check period (default the agent's 60 s). */
  resyncS?: number;
}): VolumeAgentProcess {
  const child = spawn(process.execPath, ["--import", "tsx", "src/main.ts"], {
    cwd: join(ROOT, "apps/volume-agent"),
    env: {
      ...process.env,
      ZENITH_CONTROL_URL: opts.controlUrl,
      ZENITH_AGENT_JOIN_TOKEN_FILE: opts.joinTokenFile,
      ZENITH_DATA_DIR: opts.dataDir,
      ZENITH_VOLUME_HOST: opts.host,
      ZENITH_VOLUME_DRIVER: opts.driver,
      ...(opts.resyncS === undefined ? {} : { ZENITH_VOLUME_RESYNC_S: String(opts.resyncS) }),
      // Quiet by default; ZENITH_TEST_VOLUME_AGENT_LOG=info shows what the agent does when a run fails.
      LOG_LEVEL: process.env.ZENITH_TEST_VOLUME_AGENT_LOG ?? "warn",
    },
    stdio: ["ignore", "inherit", "inherit"],
  });
  const exited = new Promise<number | null>((resolve) => {
    if (child.exitCode !== null) resolve(child.exitCode);
    else child.once("exit", (code) => resolve(code));
  });
  const signal = async (sig: NodeJS.Signals) => {
    if (child.exitCode === null && child.signalCode === null) child.kill(sig);
    await exited;
  };
  return {
    child,
    storageDir: join(opts.dataDir, "volumes", opts.host),
    exited,
    stop: () => signal("SIGTERM"),
    kill: () => signal("SIGKILL"),
  };
}
