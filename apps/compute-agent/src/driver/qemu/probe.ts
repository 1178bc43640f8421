/**
 * What the host's QEMU can do: which accelerator really runs guests, and the
 * QEMU version. `/dev/kvm` existing proves nothing, and neither does a stub
 * guest running under it: a paravirtual or nested KVM may run a few bytes of
 * real-mode code and then freeze (or abort) every Linux kernel. So "auto"
 * boots a real Linux guest (zenith-tiny: kernel + initrd) under KVM, with the
 * CPU model guests get, and uses KVM only once its serial banner arrives.
 */
import { execFile } from "node:child_process";
import { constants } from "node:fs";
import { access, mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { promisify } from "node:util";
import type { Logger } from "@zenith/core/logger";
import { bootProbeGuest } from "./probe-boot.ts";

export type Accelerator = "kvm" | "tcg";
export type AcceleratorSetting = "auto" | Accelerator;

/** The accelerator and why: logged, and kept for admins. */
export interface AcceleratorChoice {
  accelerator: Accelerator;
  reason: string;
}

/** The Linux guest the probe boots: zenith-tiny's kernel and initrd. */
export interface ProbeImage {
  kernel: string;
  initrd: string;
}

export interface ProbeOptions {
  /** Absent: no probe image, so KVM cannot be proven and guests use TCG. */
  image?: ProbeImage | undefined;
  /** Default `/dev/kvm` (tests point it elsewhere). */
  kvmDevice?: string | undefined;
  /** How long the probe guest has to print its banner. Default 30 s. */
  timeoutMs?: number | undefined;
}

const execFileAsync = promisify(execFile);

/** What zenith-tiny's /init prints first on its serial console (scripts/tiny-image/guest/init). */
export const PROBE_BANNER = "Welcome to Zenith tiny";
const DEFAULT_PROBE_TIMEOUT_MS = 30_000;

// One probe per binary and image per process: every driver instance of an agent shares it.
const probes = new Map<string, Promise<AcceleratorChoice>>();

export function chooseAccelerator(
  binary: string,
  setting: AcceleratorSetting,
  log: Logger,
  options: ProbeOptions = {},
): Promise<AcceleratorChoice> {
  if (setting !== "auto") {
    const choice = { accelerator: setting, reason: `ZENITH_QEMU_ACCEL=${setting}` };
    log.info(choice, `guests use ${setting.toUpperCase()} (set, not probed)`);
    return Promise.resolve(choice);
  }
  const key = JSON.stringify([binary, options.image ?? null, options.kvmDevice ?? null]);
  let probe = probes.get(key);
  if (!probe) {
    probe = probeKvm(binary, options).then((choice) => {
      const level = choice.accelerator === "kvm" ? "info" : "warn";
      log[level](
        choice,
        choice.accelerator === "kvm"
          ? "KVM booted the Linux probe guest; guests use KVM"
          : "KVM not usable; guests run under TCG (software emulation)",
      );
      return choice;
    });
    probes.set(key, probe);
  }
  return probe;
}

const tcg = (reason: string): AcceleratorChoice => ({ accelerator: "tcg", reason });

async function probeKvm(binary: string, options: ProbeOptions): Promise<AcceleratorChoice> {
  const device = options.kvmDevice ?? "/dev/kvm";
  try {
    await access(device, constants.R_OK | constants.W_OK);
  } catch {
    return tcg(`no usable ${device}`);
  }
  const image = options.image;
  if (!image) return tcg("no probe image (zenith-tiny) to prove KVM runs a Linux guest");
  try {
    await Promise.all([access(image.kernel, constants.R_OK), access(image.initrd, constants.R_OK)]);
  } catch {
    return tcg(`probe image missing: ${image.kernel} or ${image.initrd} is not readable`);
  }
  const dir = await mkdtemp(join(tmpdir(), "zenith-kvm-probe-"));
  try {
    const outcome = await bootProbeGuest({
      binary,
      image,
      qmpPath: join(dir, "qmp.sock"),
      banner: PROBE_BANNER,
      timeoutMs: options.timeoutMs ?? DEFAULT_PROBE_TIMEOUT_MS,
    });
    return outcome.ok
      ? { accelerator: "kvm", reason: "a Linux probe guest booted under KVM" }
      : tcg(`KVM probe guest failed: ${outcome.failure}`);
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
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
