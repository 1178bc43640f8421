/**
 * What the host's QEMU can do: which accelerator really runs guests, and the
 * QEMU version. `/dev/kvm` existing proves nothing (nested or paravirtual KVM
 * may abort or hang every guest), so "auto" boots a real 512-byte guest under
 * KVM once and falls back to TCG unless it provably ran.
 */
import { execFile, spawn } from "node:child_process";
import { constants } from "node:fs";
import { access, mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { promisify } from "node:util";
import type { Logger } from "@zenith/core/logger";

export type Accelerator = "kvm" | "tcg";
export type AcceleratorSetting = "auto" | Accelerator;

const execFileAsync = promisify(execFile);

/** `isa-debug-exit` turns the byte written to its port into exit status (v << 1) | 1. */
const PROBE_EXIT_VALUE = 0x2a;
const PROBE_EXIT_STATUS = (PROBE_EXIT_VALUE << 1) | 1;
const PROBE_TIMEOUT_MS = 5_000;

/** A boot sector that writes 0x2a to port 0xf4 (isa-debug-exit) and halts. */
function probeBootSector(): Buffer {
  const sector = Buffer.alloc(512);
  // mov al, 0x2a ; out 0xf4, al ; hlt
  sector.set([0xb0, PROBE_EXIT_VALUE, 0xe6, 0xf4, 0xf4], 0);
  sector[510] = 0x55;
  sector[511] = 0xaa;
  return sector;
}

// One probe per binary per process: every driver instance of an agent shares it.
const probes = new Map<string, Promise<Accelerator>>();

export function chooseAccelerator(
  binary: string,
  setting: AcceleratorSetting,
  log: Logger,
): Promise<Accelerator> {
  if (setting !== "auto") return Promise.resolve(setting);
  let probe = probes.get(binary);
  if (!probe) {
    probe = probeKvm(binary, log);
    probes.set(binary, probe);
  }
  return probe;
}

async function probeKvm(binary: string, log: Logger): Promise<Accelerator> {
  try {
    await access("/dev/kvm", constants.R_OK | constants.W_OK);
  } catch {
    log.info({ accelerator: "tcg" }, "no usable /dev/kvm; guests run under TCG (software emulation)");
    return "tcg";
  }
  const dir = await mkdtemp(join(tmpdir(), "zenith-kvm-probe-"));
  try {
    const image = join(dir, "boot.img");
    await writeFile(image, probeBootSector());
    const args = ["-machine", "pc", "-accel", "kvm", "-nodefaults", "-no-user-config", "-display", "none"];
    args.push("-m", "16", "-device", "isa-debug-exit,iobase=0xf4,iosize=0x04");
    args.push("-drive", `file=${image},format=raw,if=ide`);
    const outcome = await runProbe(binary, args);
    const accelerator = outcome.status === PROBE_EXIT_STATUS ? "kvm" : "tcg";
    const level = accelerator === "kvm" ? "info" : "warn";
    log[level](
      { accelerator, probe: outcome },
      accelerator === "kvm"
        ? "KVM ran the probe guest; guests use KVM"
        : "/dev/kvm exists but did not run the probe guest; guests run under TCG (software emulation)",
    );
    return accelerator;
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

interface ProbeOutcome {
  status: number | null;
  signal: string | null;
  timedOut: boolean;
  stderr: string;
}

function runProbe(binary: string, args: string[]): Promise<ProbeOutcome> {
  return new Promise((resolve) => {
    const child = spawn(binary, args, { stdio: ["ignore", "ignore", "pipe"] });
    let stderr = "";
    let timedOut = false;
    child.stderr.setEncoding("utf8").on("data", (s: string) => {
      stderr = (stderr + s).slice(-2000);
    });
    const timer = setTimeout(() => {
      timedOut = true;
      child.kill("SIGKILL");
    }, PROBE_TIMEOUT_MS);
    child.once("error", (err) => {
      clearTimeout(timer);
      resolve({ status: null, signal: null, timedOut, stderr: err.message });
    });
    child.once("close", (status, signal) => {
      clearTimeout(timer);
      resolve({ status, signal, timedOut, stderr: stderr.trim() });
    });
  });
}

export interface QemuVersion {
  text: string;
  /** Nova's integer encoding: major * 1_000_000 + minor * 1_000 + patch. */
  encoded: number;
}

/** `QEMU emulator version 7.2.22 (Debian …)` → 7002022. */
export async function qemuVersion(binary: string): Promise<QemuVersion> {
  const { stdout } = await execFileAsync(binary, ["--version"], { timeout: 10_000 });
  const match = /version (\d+)\.(\d+)\.(\d+)/.exec(stdout);
  if (!match)
    throw new Error(`cannot read the version from \`${binary} --version\`: ${stdout.slice(0, 200)}`);
  const [major, minor, patch] = match.slice(1).map(Number) as [number, number, number];
  return { text: `${major}.${minor}.${patch}`, encoded: major * 1_000_000 + minor * 1_000 + patch };
}
