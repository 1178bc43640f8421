/**
 * The agent process as `npm start` runs it (`tsx src/main.ts`, configured
 * by the environment only): it dials the control plane, serves what it is
 * told, and on SIGTERM exits cleanly while the export keeps serving.
 */
import { type ChildProcess, spawn } from "node:child_process";
import { randomUUID } from "node:crypto";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, describe, expect, it } from "vitest";
import { nbdInfo } from "./nbd-client.ts";
import { haveQemu, killDaemonsUnder } from "./qemu.ts";
import { desired, volume } from "./specs.ts";
import { TinyControl } from "./tiny-control.ts";
import { waitFor } from "./wait.ts";

const APP = join(dirname(fileURLToPath(import.meta.url)), "..");
const TSX = join(APP, "../../node_modules/.bin/tsx");

describe.skipIf(!haveQemu)(
  "volume agent process (skipped where qemu-img, qemu-io or qemu-storage-daemon is not installed)",
  () => {
    const control = new TinyControl();
    let dataDir: string | undefined;
    let child: ChildProcess | undefined;

    afterAll(async () => {
      if (child !== undefined && child.exitCode === null) child.kill("SIGKILL");
      if (dataDir !== undefined) {
        await killDaemonsUnder(join(dataDir, "volumes", "vol-proc"));
        await rm(dataDir, { recursive: true, force: true });
      }
      await control.cleanup();
    });

    it("starts from the environment, exports what it is told, and SIGTERM leaves the export serving", async () => {
      dataDir = await mkdtemp(join(tmpdir(), "zenith-vol-proc-"));
      await control.start();
      const [volumeId, attachmentId] = [randomUUID(), randomUUID()];
      control.desired = desired({
        volumes: [volume(volumeId)],
        exports: [{ attachmentId, volumeId, readOnly: false, attachedHost: "compute1" }],
      });
      const proc = spawn(TSX, ["src/main.ts"], {
        cwd: APP,
        env: {
          ...process.env,
          ZENITH_CONTROL_URL: control.url,
          // The shared token: no enrolment against this tiny control plane.
          ZENITH_AGENT_TOKEN: control.token,
          ZENITH_DATA_DIR: dataDir,
          ZENITH_VOLUME_HOST: "vol-proc",
          ZENITH_VOLUME_DRIVER: "auto",
          LOG_LEVEL: "warn",
        },
        stdio: ["ignore", "ignore", "inherit"],
      });
      child = proc;
      const exited = new Promise<number | null>((resolve) => proc.once("exit", (code) => resolve(code)));

      await waitFor("the export reported", () => (control.lastApplied()?.exports.length ?? 0) === 1, 60_000);
      expect(control.of("hello")[0]).toMatchObject({ host: "vol-proc", driver: "file" });
      const connection = control.lastApplied()?.exports[0];
      if (connection === undefined) throw new Error("no export");
      expect((await nbdInfo(connection)).ok).toBe(true);

      proc.kill("SIGTERM");
      expect(await exited).toBe(0);
      expect((await nbdInfo(connection)).ok).toBe(true);
    });
  },
);
