/** Starts, checks and stops the metadata proxy process inside a DHCP namespace. */
import { spawn } from "node:child_process";
import { closeSync, openSync } from "node:fs";
import { createRequire } from "node:module";
import { fileURLToPath, pathToFileURL } from "node:url";
import { inNetns, readPid, runningPid, stopProcess, waitFor } from "./daemon.ts";
import { METADATA_ADDRESS } from "./names.ts";

const SCRIPT = fileURLToPath(new URL("./metadata-proxy-main.ts", import.meta.url));
/** tsx's loader, resolved from here so the child finds it whatever its working directory. */
const TSX_LOADER = pathToFileURL(createRequire(import.meta.url).resolve("tsx")).href;

export interface ProxyFiles {
  pidFile: string;
  logFile: string;
  socket: string;
}

/** The proxy's own argv (what /proc/<pid>/cmdline shows after `ip netns exec` execs node). */
export function proxyArgv(networkId: string, files: ProxyFiles): string[] {
  return [
    process.execPath,
    "--import",
    TSX_LOADER,
    SCRIPT,
    "--listen",
    METADATA_ADDRESS,
    "--port",
    "80",
    "--network-id",
    networkId,
    "--socket",
    files.socket,
    "--pid-file",
    files.pidFile,
  ];
}

const sameArgv = (want: string[]) => (argv: string[]) =>
  argv.length === want.length && argv.every((a, i) => a === want[i]);
/** Any proxy of ours, whatever its arguments (to stop an outdated one). */
const isProxy = (argv: string[]) => argv.includes(SCRIPT);

/** Leaves a running proxy with the right arguments alone; otherwise (re)starts it and waits until it listens. */
export async function ensureMetadataProxy(
  netns: string,
  networkId: string,
  files: ProxyFiles,
): Promise<void> {
  const want = proxyArgv(networkId, files);
  const pid = await runningPid(files.pidFile, sameArgv(want));
  if (pid !== null && (await inNetns(pid, netns))) return;
  await stopProcess(files.pidFile, isProxy);
  const log = openSync(files.logFile, "a");
  try {
    // Detached: the proxy must keep serving guests while the agent restarts.
    const child = spawn("ip", ["netns", "exec", netns, ...want], {
      detached: true,
      stdio: ["ignore", log, log],
    });
    child.unref();
    const exited = new Promise<number | null>((resolve) => child.once("exit", resolve));
    let exitCode: number | null | undefined;
    void exited.then((code) => {
      exitCode = code;
    });
    await waitFor(`the metadata proxy of network ${networkId} to listen`, async () => {
      if (exitCode !== undefined)
        throw new Error(`metadata proxy exited (${exitCode}); see ${files.logFile}`);
      return (await readPid(files.pidFile)) === child.pid;
    });
  } finally {
    closeSync(log);
  }
}

export async function stopMetadataProxy(files: ProxyFiles): Promise<void> {
  await stopProcess(files.pidFile, isProxy);
}
