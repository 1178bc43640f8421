/**
 * The KVM probe decides from a real Linux guest's serial banner, never from
 * /dev/kvm existing or a stub guest running. Each host kind is simulated by
 * a stand-in for qemu-system-x86_64 (a wrapper script), so the test means
 * the same on a host without /dev/kvm, with a working KVM, and with a
 * paravirtual KVM that runs a stub but freezes Linux (this project's build
 * machines).
 */
import { spawnSync } from "node:child_process";
import { chmod, mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { createLogger } from "@zenith/core/logger";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { chooseAccelerator, type ProbeOptions } from "../src/driver/qemu/probe.ts";
import { ensureTinyImage } from "./qemu/tiny-image.ts";

const logger = createLogger("kvm-probe-test", process.env.TEST_LOG_LEVEL ?? "silent");
const fakeMonitor = fileURLToPath(new URL("./qemu/fake-qemu-monitor.mjs", import.meta.url));
const realQemu = spawnSync("sh", ["-c", "command -v qemu-system-x86_64"], { encoding: "utf8" }).stdout.trim();

let dir: string;
/** A readable, writable stand-in for /dev/kvm: the probe only checks access before booting. */
let kvmDevice: string;
/** Kernel and initrd files: the stand-ins never read them; the real-QEMU cases use zenith-tiny. */
let dummyImage: ProbeOptions["image"];

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), "zenith-kvm-probe-test-"));
  kvmDevice = join(dir, "kvm");
  await writeFile(kvmDevice, "");
  dummyImage = { kernel: join(dir, "kernel"), initrd: join(dir, "initrd") };
  await writeFile(dummyImage.kernel, "");
  await writeFile(dummyImage.initrd, "");
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

/** A fake `qemu-system-x86_64`: a shell script with `body` (its arguments in "$@"). */
async function wrapper(name: string, body: string): Promise<string> {
  const path = join(dir, name);
  await writeFile(path, `#!/bin/sh\n${body}\n`);
  await chmod(path, 0o755);
  return path;
}

describe("KVM probe (auto)", () => {
  it("says TCG when there is no /dev/kvm", async () => {
    const binary = await wrapper("never-run", "exit 99");
    const choice = await chooseAccelerator(binary, "auto", logger, {
      image: dummyImage,
      kvmDevice: join(dir, "absent-kvm"),
    });
    expect(choice).toEqual({ accelerator: "tcg", reason: `no usable ${join(dir, "absent-kvm")}` });
  });

  it("says TCG when there is no probe image to boot", async () => {
    const binary = await wrapper("no-image", "exit 99");
    const choice = await chooseAccelerator(binary, "auto", logger, { kvmDevice });
    expect(choice.accelerator).toBe("tcg");
    expect(choice.reason).toMatch(/no probe image/);
  });

  it("says TCG when the guest freezes and QMP reports internal-error (a KVM that runs only stubs)", async () => {
    const binary = await wrapper(
      "frozen-guest",
      `FAKE_QEMU_STATUS=internal-error exec ${JSON.stringify(process.execPath)} ${JSON.stringify(fakeMonitor)} "$@"`,
    );
    // The deadline is far away: the QMP status, not the timeout, must decide.
    const choice = await chooseAccelerator(binary, "auto", logger, {
      image: dummyImage,
      kvmDevice,
      timeoutMs: 600_000,
    });
    expect(choice).toEqual({
      accelerator: "tcg",
      reason: "KVM probe guest failed: QMP status internal-error",
    });
  });

  it("says TCG when QEMU prints a KVM error", async () => {
    const binary = await wrapper("kvm-error", 'echo "KVM internal error. Suberror: 1" >&2\nexec sleep 600');
    const choice = await chooseAccelerator(binary, "auto", logger, {
      image: dummyImage,
      kvmDevice,
      timeoutMs: 600_000,
    });
    expect(choice.accelerator).toBe("tcg");
    expect(choice.reason).toBe(
      "KVM probe guest failed: QEMU reports a KVM error: KVM internal error. Suberror: 1",
    );
  });

  it("says TCG when QEMU exits before the banner", async () => {
    const binary = await wrapper("exits", 'echo "could not open /dev/kvm" >&2\nexit 1');
    const choice = await chooseAccelerator(binary, "auto", logger, { image: dummyImage, kvmDevice });
    expect(choice.accelerator).toBe("tcg");
    expect(choice.reason).toBe(
      "KVM probe guest failed: QEMU exited (status 1) before the banner: could not open /dev/kvm",
    );
  });

  it("says TCG when the guest stays silent until the deadline", async () => {
    const binary = await wrapper(
      "silent",
      `FAKE_QEMU_STATUS=running exec ${JSON.stringify(process.execPath)} ${JSON.stringify(fakeMonitor)} "$@"`,
    );
    const choice = await chooseAccelerator(binary, "auto", logger, {
      image: dummyImage,
      kvmDevice,
      timeoutMs: 1_500,
    });
    expect(choice).toEqual({
      accelerator: "tcg",
      reason: "KVM probe guest failed: no serial banner within 1500 ms",
    });
  });

  it("says KVM when the guest's banner shows, even after a harmless QEMU warning about KVM", async () => {
    const binary = await wrapper(
      "banner",
      [
        'FAKE_QEMU_STATUS=running FAKE_QEMU_SERIAL="Welcome to Zenith tiny 2 (Linux 6.1)"',
        'FAKE_QEMU_STDERR="qemu-system-x86_64: warning: kvm: failed to enable an optional feature"',
        `exec ${JSON.stringify(process.execPath)} ${JSON.stringify(fakeMonitor)} "$@"`,
      ].join(" "),
    );
    const choice = await chooseAccelerator(binary, "auto", logger, {
      image: dummyImage,
      kvmDevice,
      timeoutMs: 600_000,
    });
    expect(choice).toEqual({ accelerator: "kvm", reason: "a Linux probe guest booted under KVM" });
  });

  it("an explicit setting is used without probing", async () => {
    const binary = await wrapper("unused", "exit 99");
    expect(await chooseAccelerator(binary, "kvm", logger)).toEqual({
      accelerator: "kvm",
      reason: "ZENITH_QEMU_ACCEL=kvm",
    });
  });

  describe.skipIf(realQemu === "")(
    "with real QEMU (skipped where qemu-system-x86_64 is not installed)",
    () => {
      // A working KVM, simulated: the wrapper runs the very probe guest under TCG, so its banner shows.
      const asTcg = (extra: string) =>
        `args=""\nfor a in "$@"; do\n  case "$a" in kvm) a=tcg ;; host) a=max ;; esac\n  args="$args '$a'"\ndone\neval "exec ${realQemu} $args ${extra}"`;

      it("says KVM when zenith-tiny prints its banner", async () => {
        const tiny = await ensureTinyImage();
        const binary = await wrapper("working-kvm", asTcg(""));
        const choice = await chooseAccelerator(binary, "auto", logger, {
          image: { kernel: tiny.kernel, initrd: tiny.ramdisk },
          kvmDevice,
          timeoutMs: 120_000,
        });
        expect(choice).toEqual({ accelerator: "kvm", reason: "a Linux probe guest booted under KVM" });
      }, 180_000);

      it("says TCG when a real guest never starts (the CPUs stay stopped) and the deadline passes", async () => {
        const tiny = await ensureTinyImage();
        const binary = await wrapper("stopped-cpus", asTcg("-S"));
        const choice = await chooseAccelerator(binary, "auto", logger, {
          image: { kernel: tiny.kernel, initrd: tiny.ramdisk },
          kvmDevice,
          timeoutMs: 3_000,
        });
        expect(choice).toEqual({
          accelerator: "tcg",
          reason: "KVM probe guest failed: no serial banner within 3000 ms",
        });
      }, 60_000);
    },
  );
});
