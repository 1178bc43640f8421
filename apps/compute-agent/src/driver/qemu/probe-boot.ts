/**
 * Boots the KVM probe guest and watches it until its serial banner shows
 * (KVM works) or something proves it will not: QEMU exits, prints a KVM
 * error, QMP reports a dead run state, or the deadline passes.
 */
import { spawn } from "node:child_process";
import { z } from "zod";
import type { ProbeImage } from "./probe.ts";
import { acceleratorArgs } from "./process.ts";
import { QmpClient } from "./qmp.ts";

const statusSchema = z.object({ status: z.string() });

export interface ProbeBoot {
  binary: string;
  image: ProbeImage;
  qmpPath: string;
  banner: string;
  timeoutMs: number;
}

export type ProbeOutcome = { ok: true } | { ok: false; failure: string };

/** Run states of a guest that will never print anything again. */
const DEAD_STATES = new Set(["internal-error", "guest-panicked", "shutdown", "io-error"]);
/** QEMU's words when KVM refuses the guest (`KVM internal error. Suberror: 1`, failed ioctls, MSR asserts). */
const KVM_ERROR = /kvm[^\n]*(error|fail|assert)|internal[ -]error/i;
const QMP_POLL_MS = 500;
const MAX_KEPT = 4096;

export function bootProbeGuest(boot: ProbeBoot): Promise<ProbeOutcome> {
  const args = [
    ["-machine", "pc", ...acceleratorArgs("kvm"), "-m", "128", "-smp", "1"],
    ["-nodefaults", "-no-user-config", "-display", "none", "-no-reboot"],
    ["-kernel", boot.image.kernel, "-initrd", boot.image.initrd],
    ["-append", "console=ttyS0 quiet panic=-1"],
    // The serial port on our stdout pipe: the banner is read from it.
    ["-serial", "stdio"],
    ["-qmp", `unix:${boot.qmpPath},server=on,wait=off`],
  ].flat();
  return new Promise((resolve) => {
    const child = spawn(boot.binary, args, { stdio: ["ignore", "pipe", "pipe"] });
    let serial = "";
    let stderr = "";
    let settled = false;
    let qmp: QmpClient | undefined;
    const finish = (outcome: ProbeOutcome) => {
      if (settled) return;
      settled = true;
      clearTimeout(deadline);
      clearInterval(poller);
      qmp?.close();
      child.kill("SIGKILL");
      resolve(outcome);
    };
    const fail = (failure: string) => finish({ ok: false, failure });
    const deadline = setTimeout(
      () =>
        fail(`no serial banner within ${boot.timeoutMs} ms${stderr ? `; stderr: ${lastLine(stderr)}` : ""}`),
      boot.timeoutMs,
    );
    child.stdout.setEncoding("utf8").on("data", (s: string) => {
      serial = (serial + s).slice(-MAX_KEPT);
      if (serial.includes(boot.banner)) finish({ ok: true });
    });
    child.stderr.setEncoding("utf8").on("data", (s: string) => {
      stderr = (stderr + s).slice(-MAX_KEPT);
      // Warnings (e.g. a CPUID feature the host lacks) do not stop a guest; errors do.
      const line = stderr.split("\n").find((l) => KVM_ERROR.test(l) && !/warning:/i.test(l));
      if (line !== undefined) fail(`QEMU reports a KVM error: ${line.trim()}`);
    });
    child.once("error", (err) => fail(`cannot start ${boot.binary}: ${err.message}`));
    child.once("close", (status, signal) => {
      const how = signal ? `signal ${signal}` : `status ${status}`;
      fail(`QEMU exited (${how}) before the banner${stderr ? `: ${lastLine(stderr)}` : ""}`);
    });
    // QMP shows a frozen guest at once (internal-error) instead of at the deadline.
    let polling = false;
    const poller = setInterval(() => {
      if (polling || settled) return;
      polling = true;
      pollStatus()
        .then((status) => {
          if (status !== undefined && DEAD_STATES.has(status)) fail(`QMP status ${status}`);
        })
        .catch(() => undefined) // not up yet, or exiting: the other watchers decide
        .finally(() => {
          polling = false;
        });
    }, QMP_POLL_MS);
    async function pollStatus(): Promise<string | undefined> {
      if (!qmp?.isOpen) {
        qmp = await QmpClient.connect(boot.qmpPath, 2_000);
        if (settled) qmp.close();
      }
      const reply = statusSchema.safeParse(await qmp.execute("query-status", undefined, 2_000));
      return reply.success ? reply.data.status : undefined;
    }
  });
}

function lastLine(text: string): string {
  const lines = text.trim().split("\n");
  return (lines[lines.length - 1] ?? "").trim().slice(0, 300);
}
