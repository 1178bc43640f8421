/**
 * Block storage on real QEMU, end to end: the real control plane, two
 * compute hosts of the real compute agent on the qemu driver (zenith-tiny
 * guests under TCG here) and the real volume agent on the file driver
 * (qcow2 files exported over NBD with TLS-PSK by qemu-storage-daemon).
 * Driven through the Block Storage and Compute APIs (attach and detach of
 * the first volume through the real `openstack` CLI), the guests through
 * their serial consoles as a user reaches them (remote-consoles WebSocket).
 *
 * The cases carry one data volume along, in this order: 1 (written on host
 * 1, read on host 2), 2 (extended), 5 (its export's secret), 4 (kill -9 of
 * the volume agent under its writer), 3 (boot from volume, on its own), 6
 * (detach/attach with the volume agent down), 7 (its snapshot, backup and
 * image), 8 (an image of a root volume boots), then everything is deleted
 * and no qemu or qemu-storage-daemon may be left. Timings go to stderr.
 *
 * Without the QEMU tools the file is skipped, saying so; with
 * ZENITH_REQUIRE_QEMU=1 (CI) a missing tool fails it instead.
 */
import { execFile, execFileSync } from "node:child_process";
import { randomBytes, randomUUID } from "node:crypto";
import { createWriteStream, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { readdir, readFile } from "node:fs/promises";
import { join } from "node:path";
import { Readable } from "node:stream";
import { pipeline } from "node:stream/promises";
import type { ReadableStream as NodeReadableStream } from "node:stream/web";
import { promisify } from "node:util";
import { startControl } from "@zenith/control/server";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import WebSocket from "ws";
import { startComputeAgent } from "./agent-process.ts";
import { assertCliInstalled, openstackOk, osEnv } from "./cli.ts";
import { tinyImageDir } from "./tiny-image.ts";
import { startVolumeAgent, type VolumeAgentProcess } from "./volume-agent-process.ts";

const execFileAsync = promisify(execFile);
const CASE_MS = 240_000;
const BOOT_MS = 120_000;
const ADMIN_PASSWORD = "qemu-volumes-admin-pw";
const suffix = randomBytes(3).toString("hex");
// Short names: the qemu driver's unix sockets live under <data>/compute/<host>/qemu/instances/<uuid>/.
const COMPUTE_HOST = `vq${suffix}`;
const VOLUME_HOST = `vv${suffix}`;
const GIB_SECTORS = 2 * 1024 * 1024;

function installed(binary: string): boolean {
  try {
    execFileSync("which", [binary], { stdio: "ignore" });
    return true;
  } catch {
    return false;
  }
}
const missing = ["qemu-system-x86_64", "qemu-img", "qemu-io", "qemu-storage-daemon"].filter(
  (t) => !installed(t),
);
if (missing.length > 0) {
  const why = `QEMU tools missing: ${missing.join(", ")} (apt-get install -y qemu-system-x86 qemu-utils)`;
  if (process.env.ZENITH_REQUIRE_QEMU === "1") {
    describe("block storage on QEMU", () => {
      it("requires QEMU (ZENITH_REQUIRE_QEMU=1)", () => {
        throw new Error(why);
      });
    });
  } else {
    // The reporter shows a skipped file without its reason: say it where people look.
    process.stderr.write(`qemu-volumes.test.ts skipped: ${why}\n`);
    it.skip(`block storage on QEMU: skipped because ${why}`, () => {});
  }
} else {
  describeQemuVolumes();
}

type Json = Record<string, unknown>;
interface Reply {
  status: number;
  text: string;
  // biome-ignore lint/suspicious/noExplicitAny: API bodies are checked by the assertions that read them.
  body: any;
}

/** Waits for a state, never a fixed sleep: polls until `probe` returns a value, or fails at the deadline. */
async function waitFor<T>(what: string, probe: () => Promise<T | undefined>, timeoutMs: number): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
}

/** Processes whose command line names `needle` (this suite's folder), by pid. */
function processesNaming(binary: string, needle: string): number[] {
  try {
    return execFileSync("pgrep", ["-f", `${binary}.*${needle}`], { encoding: "utf8" })
      .split("\n")
      .filter(Boolean)
      .map(Number);
  } catch {
    return [];
  }
}

/** What the NBD export answers a client with these credentials (none: plain NBD, no TLS). */
async function nbdClient(
  conn: { host: string; port: number; export_name: string; tls_username: string },
  psk: string | null,
  commands: string[],
): Promise<{ ok: boolean; out: string }> {
  const dir = mkdtempSync("/tmp/zvq-psk-");
  try {
    const tls: string[] = [];
    let opts = `driver=nbd,server.type=inet,server.host=${conn.host},server.port=${conn.port},export=${conn.export_name}`;
    if (psk !== null) {
      writeFileSync(join(dir, "keys.psk"), `${conn.tls_username}:${psk}\n`, { mode: 0o600 });
      tls.push("--object", `tls-creds-psk,id=tls0,endpoint=client,dir=${dir},username=${conn.tls_username}`);
      opts += ",tls-creds=tls0";
    }
    const args = [...commands.flatMap((c) => ["-c", c]), ...tls, "--image-opts", opts];
    const { stdout, stderr } = await execFileAsync("qemu-io", args, { timeout: 60_000 });
    // qemu-io reports a failed open on stderr and may still exit 0 with no command run.
    return { ok: !/can't open|failed|error/i.test(stderr + stdout), out: stdout + stderr };
  } catch (err) {
    const e = err as { stdout?: string; stderr?: string };
    return { ok: false, out: `${e.stdout ?? ""}${e.stderr ?? ""}` };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

function describeQemuVolumes(): void {
  describe("block storage on QEMU: two qemu hosts, the file volume host, zenith-tiny guests", () => {
    let control: Awaited<ReturnType<typeof startControl>>;
    let compute: ReturnType<typeof startComputeAgent>;
    let volumeAgent: VolumeAgentProcess;
    let work = "";
    let token = "";
    let projectId = "";
    let imageId = "";
    let flavorId = "";
    let cli: NodeJS.ProcessEnv;
    const servers = new Map<string, string>(); // name → id
    const timings: Array<[string, number]> = [];

    const agentOpts = () => ({
      controlUrl: control.url,
      joinTokenFile: join(work, "agent-join-token"),
      dataDir: join(work, "v"),
      host: VOLUME_HOST,
      driver: "file" as const,
    });

    async function call(method: string, path: string, body?: unknown, headers: Json = {}): Promise<Reply> {
      const res = await fetch(`${control.url}${path}`, {
        method,
        headers: {
          accept: "application/json",
          "x-auth-token": token,
          ...(body === undefined ? {} : { "content-type": "application/json" }),
          ...(headers as Record<string, string>),
        },
        body: body === undefined ? undefined : JSON.stringify(body),
      });
      const text = await res.text();
      let parsed: unknown = null;
      try {
        parsed = text ? JSON.parse(text) : null;
      } catch {
        parsed = text;
      }
      return { status: res.status, text, body: parsed };
    }
    const nova = (method: string, path: string, body?: unknown) =>
      call(method, `/compute/v2.1/${path}`, body, { "openstack-api-version": "compute 2.37" });
    const cinder = (method: string, path: string, body?: unknown) =>
      call(method, `/volume/v3/${projectId}/${path}`, body, { "openstack-api-version": "volume 3.27" });

    async function volumeIn(id: string, status: string, timeoutMs = 60_000): Promise<Json> {
      return waitFor(
        `volume ${id} ${status}`,
        async () => {
          const r = await cinder("GET", `volumes/${id}`);
          const v = r.body?.volume;
          if (v?.status === "error" && status !== "error") throw new Error(`volume ${id} failed: ${r.text}`);
          return v?.status === status ? (v as Json) : undefined;
        },
        timeoutMs,
      );
    }

    async function createVolume(body: Json): Promise<string> {
      const r = await cinder("POST", "volumes", { volume: body });
      expect(r.status, r.text).toBe(202);
      const id = String(r.body.volume.id);
      await volumeIn(id, "available", 120_000);
      return id;
    }

    async function serverActive(id: string): Promise<Json> {
      return waitFor(
        `server ${id} ACTIVE`,
        async () => {
          const r = await nova("GET", `servers/${id}`);
          const s = r.body?.server;
          if (s?.status === "ERROR") throw new Error(`server ${id} failed: ${r.text}`);
          return s?.status === "ACTIVE" ? (s as Json) : undefined;
        },
        BOOT_MS,
      );
    }

    async function consoleLog(id: string): Promise<string> {
      const r = await nova("POST", `servers/${id}/action`, { "os-getConsoleOutput": {} });
      return r.status === 200 ? String(r.body.output ?? "") : "";
    }

    /** Boots a zenith-tiny guest (or one whose BDM says how), waits for ACTIVE and its shell prompt. */
    /** Creates a server (zenith-tiny, or whatever `extra` says) and waits until it is placed on a host. */
    async function create(name: string, extra: Json = { imageRef: imageId }): Promise<string> {
      const r = await nova("POST", "servers", {
        server: { name, flavorRef: flavorId, networks: "none", ...extra },
      });
      expect(r.status, r.text).toBe(202);
      const id = String(r.body.server.id);
      servers.set(name, id);
      await waitFor(
        `${name} placed`,
        async () =>
          (await nova("GET", `servers/${id}`)).body?.server?.["OS-EXT-SRV-ATTR:host"] ? true : undefined,
        60_000,
      );
      return id;
    }

    /** Waits for a created server to be ACTIVE and its guest at its shell prompt. */
    async function ready(id: string): Promise<{ id: string; host: string }> {
      const active = await serverActive(id);
      await waitFor(
        `${id}'s prompt`,
        async () => ((await consoleLog(id)).includes("zenith-tiny ready") ? true : undefined),
        BOOT_MS,
      );
      return { id, host: String(active["OS-EXT-SRV-ATTR:host"]) };
    }

    /**
     * Runs `command` in the guest's shell through its serial console (a fresh
     * single-use console URL each time) and resolves with what it printed
     * between two markers the shell itself builds (so the echoed command line
     * never matches).
     */
    async function inGuest(serverId: string, command: string, timeoutMs = 60_000): Promise<string> {
      const r = await nova("POST", `servers/${serverId}/remote-consoles`, {
        remote_console: { protocol: "serial", type: "serial" },
      });
      expect(r.status, r.text).toBe(200);
      const word = randomUUID().slice(0, 8);
      const end = new RegExp(`\\nend-1-${word}\\r?\\n`);
      const text = await new Promise<string>((resolve, reject) => {
        const ws = new WebSocket(String(r.body.remote_console.url));
        let seen = "";
        const timer = setTimeout(() => {
          ws.terminate();
          reject(
            new Error(
              `guest never finished ${JSON.stringify(command)}; got ${JSON.stringify(seen.slice(-500))}`,
            ),
          );
        }, timeoutMs);
        ws.once("open", () =>
          ws.send(`echo "begin-$((1))-${word}"; ${command}; echo "end-$((1))-${word}"\n`),
        );
        ws.on("message", (data) => {
          seen += Buffer.from(data as Buffer).toString("latin1");
          if (end.test(seen)) {
            clearTimeout(timer);
            ws.close();
            resolve(seen);
          }
        });
        ws.once("error", (err) => {
          clearTimeout(timer);
          reject(err);
        });
      });
      const start = text.lastIndexOf(`begin-1-${word}`);
      return text
        .slice(text.indexOf("\n", start) + 1, text.lastIndexOf(`end-1-${word}`))
        .replaceAll("\r", "")
        .trimEnd();
    }

    /** The guest kernel's size of `dev` in 512-byte sectors, once it has the disk. */
    const guestSectors = (serverId: string, dev: string) =>
      waitFor(
        `${dev} in guest ${serverId}`,
        async () => {
          const out = await inGuest(serverId, `cat /sys/block/${dev}/size 2>/dev/null || echo none`);
          return out === "none" ? undefined : Number(out);
        },
        60_000,
      );
    const guestLacks = (serverId: string, dev: string) =>
      waitFor(
        `${dev} gone from guest ${serverId}`,
        async () =>
          (await inGuest(serverId, `[ -e /sys/block/${dev} ] || echo gone`)) === "gone" ? true : undefined,
        60_000,
      );

    async function attach(serverId: string, volumeId: string): Promise<string> {
      const r = await nova("POST", `servers/${serverId}/os-volume_attachments`, {
        volumeAttachment: { volumeId },
      });
      expect(r.status, r.text).toBe(200);
      await volumeIn(volumeId, "in-use");
      return String(r.body.volumeAttachment.device);
    }
    async function detach(serverId: string, volumeId: string): Promise<void> {
      const r = await nova("DELETE", `servers/${serverId}/os-volume_attachments/${volumeId}`);
      expect(r.status, r.text).toBe(202);
      await volumeIn(volumeId, "available");
    }

    async function attachmentOf(volumeId: string): Promise<Json> {
      const r = await cinder("GET", `attachments/detail?volume_id=${volumeId}`);
      expect(r.status, r.text).toBe(200);
      const [a] = r.body.attachments;
      expect(a).toBeDefined();
      return a as Json;
    }

    const test = (title: string, fn: () => Promise<void>) =>
      it(
        title,
        async () => {
          const t0 = Date.now();
          try {
            await fn();
          } finally {
            timings.push([title.slice(0, 60), Date.now() - t0]);
          }
        },
        CASE_MS,
      );

    let guestA = { id: "", host: "" };
    let guestB = { id: "", host: "" };
    let dataVolume = "";
    /** What case 1's first guest wrote at the start of the data volume. */
    let dataMarker = "";
    /** How many MiB of 'Z' case 4's guest wrote from 8 MiB on. */
    let writtenMiB = 0;
    /** The server the data volume is attached to at the end. */
    let dataVolumeServer = "";

    beforeAll(async () => {
      const t0 = Date.now();
      assertCliInstalled();
      // Short: the qemu driver's unix socket paths must fit in 108 bytes.
      work = mkdtempSync("/tmp/zvq-");
      control = await startControl({
        port: 0,
        databaseUrl: "memory://",
        dataDir: work,
        adminPassword: ADMIN_PASSWORD,
        demoPassword: "qemu-volumes-demo-pw",
        logLevel: "silent",
        // No network agent runs in this suite: servers boot with no network.
        defaultNetworking: false,
        tinyImageDir: tinyImageDir(),
      });
      compute = startComputeAgent({
        controlUrl: control.url,
        joinTokenFile: join(work, "agent-join-token"),
        dataDir: join(work, "a"),
        host: COMPUTE_HOST,
        count: 2,
        driver: "qemu",
      });
      volumeAgent = startVolumeAgent(agentOpts());

      const auth = await fetch(`${control.url}/identity/v3/auth/tokens`, {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify({
          auth: {
            identity: {
              methods: ["password"],
              password: { user: { name: "admin", domain: { name: "Default" }, password: ADMIN_PASSWORD } },
            },
            scope: { project: { name: "admin", domain: { name: "Default" } } },
          },
        }),
      });
      expect(auth.status).toBe(201);
      token = auth.headers.get("x-subject-token") ?? "";
      projectId = String(((await auth.json()) as { token: { project: { id: string } } }).token.project.id);
      cli = osEnv({
        OS_AUTH_URL: `${control.url}/identity/v3`,
        OS_USERNAME: "admin",
        OS_PASSWORD: ADMIN_PASSWORD,
        OS_PROJECT_NAME: "admin",
        OS_USER_DOMAIN_NAME: "Default",
        OS_PROJECT_DOMAIN_NAME: "Default",
      });

      const images = await call("GET", "/image/v2/images?name=zenith-tiny");
      imageId = String(images.body.images[0].id);
      // A small guest: TCG boots it as fast as a large one, and two hosts' worth fit anywhere.
      const flavor = await nova("POST", "flavors", {
        flavor: { name: `vq.tiny.${suffix}`, ram: 128, vcpus: 1, disk: 1 },
      });
      expect(flavor.status, flavor.text).toBe(200);
      flavorId = String(flavor.body.flavor.id);

      await waitFor(
        "two qemu hosts up",
        async () => {
          const r = await nova("GET", "os-hypervisors/detail");
          const up = (r.body?.hypervisors ?? []).filter((h: Json) => h.state === "up");
          return up.length === 2 ? true : undefined;
        },
        60_000,
      );
      await waitFor(
        "the volume host up",
        async () => {
          const r = await cinder("GET", "os-services?binary=cinder-volume");
          const mine = (r.body?.services ?? []).find((s: Json) => s.host === `${VOLUME_HOST}@file`);
          return mine?.state === "up" ? true : undefined;
        },
        60_000,
      );
      // Spread placement (most free RAM first): the second guest goes to the other host.
      // The first is placed before the second is asked for; both then boot at once.
      const a = await create(`vq-a-${suffix}`);
      const b = await create(`vq-b-${suffix}`);
      [guestA, guestB] = await Promise.all([ready(a), ready(b)]);
      timings.push(["setup: control, 2 qemu hosts, volume host, 2 guests", Date.now() - t0]);
    }, 300_000);

    afterAll(async () => {
      const t0 = Date.now();
      // Through the API first (what a user does), then anything a failure left is killed by pid.
      if (control) {
        await Promise.allSettled([...servers.values()].map((id) => nova("DELETE", `servers/${id}`)));
        await waitFor(
          "servers gone",
          async () => {
            const left = await Promise.all([...servers.values()].map((id) => nova("GET", `servers/${id}`)));
            return left.every((r) => r.status === 404) ? true : undefined;
          },
          60_000,
        ).catch(() => undefined);
        const vols = await cinder("GET", "volumes");
        await Promise.allSettled(
          (vols.body?.volumes ?? []).map((v: Json) => cinder("DELETE", `volumes/${String(v.id)}`)),
        );
        await waitFor(
          "volumes gone",
          async () =>
            ((await cinder("GET", "volumes")).body?.volumes ?? []).length === 0 ? true : undefined,
          60_000,
        ).catch(() => undefined);
      }
      await volumeAgent?.stop();
      await compute?.stop();
      await control?.close();
      if (work) {
        for (const pid of [
          ...processesNaming("qemu-system", work),
          ...processesNaming("qemu-storage-daemon", work),
        ]) {
          process.stderr.write(`qemu-volumes: killing leftover process ${pid}\n`);
          process.kill(pid, "SIGKILL");
        }
        rmSync(work, { recursive: true, force: true });
      }
      timings.push(["teardown", Date.now() - t0]);
      process.stderr.write(
        `qemu-volumes timings:\n${timings.map(([t, ms]) => `  ${(ms / 1000).toFixed(1)} s  ${t}`).join("\n")}\n`,
      );
    }, 180_000);

    test("1. a volume written by a guest on one host is read by a guest on the other", async () => {
      expect(guestA.host).not.toBe(guestB.host);
      // The probe the last case relies on sees this suite's guests.
      expect(processesNaming("qemu-system", work)).toHaveLength(2);
      dataVolume = await createVolume({ size: 1, name: `vq-data-${suffix}` });

      await openstackOk(["server", "add", "volume", `vq-a-${suffix}`, dataVolume], cli);
      const vol = await volumeIn(dataVolume, "in-use");
      expect(vol.attachments).toEqual([
        expect.objectContaining({ server_id: guestA.id, device: "/dev/vdb" }),
      ]);
      expect(await guestSectors(guestA.id, "vdb")).toBe(GIB_SECTORS);
      // Letters and digits only: what dd reads back is printed as it is.
      const marker = `zenith${randomUUID().slice(0, 8)}`;
      dataMarker = marker;
      expect(
        await inGuest(
          guestA.id,
          `printf '${marker}' | dd of=/dev/vdb bs=512 conv=sync,fsync 2>/dev/null; echo rc=$?`,
        ),
      ).toBe("rc=0");

      await openstackOk(["server", "remove", "volume", `vq-a-${suffix}`, dataVolume], cli);
      await volumeIn(dataVolume, "available");
      await guestLacks(guestA.id, "vdb");

      expect(await attach(guestB.id, dataVolume)).toBe("/dev/vdb");
      expect(await guestSectors(guestB.id, "vdb")).toBe(GIB_SECTORS);
      expect(
        await inGuest(guestB.id, "echo $(dd if=/dev/vdb bs=512 count=1 2>/dev/null | tr -d '\\000')"),
      ).toBe(marker);
      await detach(guestB.id, dataVolume);
      await guestLacks(guestB.id, "vdb");
    });

    test("2. extended while detached (2 GiB), the guest sees the new size on attach; the data stays", async () => {
      expect((await cinder("GET", `attachments?volume_id=${dataVolume}`)).body.attachments).toEqual([]);
      const ext = await cinder("POST", `volumes/${dataVolume}/action`, { "os-extend": { new_size: 2 } });
      expect(ext.status, ext.text).toBe(202);
      await waitFor(
        "size 2",
        async () => ((await volumeIn(dataVolume, "available")).size === 2 ? true : undefined),
        60_000,
      );
      expect(await attach(guestA.id, dataVolume)).toBe("/dev/vdb");
      expect(await guestSectors(guestA.id, "vdb")).toBe(2 * GIB_SECTORS);
      expect(
        await inGuest(guestA.id, "echo $(dd if=/dev/vdb bs=512 count=1 2>/dev/null | tr -d '\\000')"),
      ).toBe(dataMarker);
      // Left attached: cases 5 and 4 use this attachment.
    });

    test("5. an export is refused without its secret; the secret is in no API body", async () => {
      const a = await attachmentOf(dataVolume);
      expect(a).toMatchObject({ instance: guestA.id, status: "attached" });
      const info = a.connection_info as { driver_volume_type: string; data: Json };
      expect(info.driver_volume_type).toBe("nbd");
      const conn = info.data as { host: string; port: number; export_name: string; tls_username: string };
      expect(conn).toMatchObject({
        host: "127.0.0.1",
        port: expect.any(Number),
        export_name: expect.any(String),
      });
      const secret = await exportSecret(String(a.id));
      // Nowhere in what callers read: the attachment, the volume, Nova's attachment list.
      const bodies = await Promise.all([
        cinder("GET", `attachments/${String(a.id)}`),
        cinder("GET", `attachments/detail?volume_id=${dataVolume}`),
        cinder("GET", `volumes/${dataVolume}`),
        nova("GET", `servers/${guestA.id}/os-volume_attachments`),
        nova("GET", `servers/${guestA.id}`),
      ]);
      for (const b of bodies) {
        expect(b.status, b.text).toBe(200);
        expect(b.text).not.toContain(secret);
      }

      // No TLS at all, then TLS with a wrong key: refused.
      const plain = await nbdClient(conn, null, ["read 0 512"]);
      expect(plain.ok, plain.out).toBe(false);
      const wrong = await nbdClient(conn, randomBytes(32).toString("hex"), ["read 0 512"]);
      expect(wrong.ok, wrong.out).toBe(false);
      // The right key opens it (so the refusals above are about the key): 2 GiB.
      const right = await nbdClient(conn, secret, ["length"]);
      expect(right.ok, right.out).toBe(true);
      expect(right.out).toMatch(/2 GiB/);
    });

    test("4. kill -9 of the volume agent while a guest writes: the write completes, nothing is lost", async () => {
      const a = await attachmentOf(dataVolume);
      const conn = (
        a.connection_info as {
          data: { host: string; port: number; export_name: string; tls_username: string };
        }
      ).data;
      const daemonBefore = await exportDaemonPid(String(a.id));
      expect(processesNaming("qemu-storage-daemon", work).length).toBeGreaterThan(0);
      const word = randomUUID().slice(0, 8);
      // The guest writes 1 MiB chunks of 'Z' from 8 MiB on, each synced and then counted on its
      // console, until told to stop: the kill lands between chunks it has provably done and
      // chunks it provably does after, with no timing guess.
      await inGuest(
        guestA.id,
        `(i=0; while [ ! -e /tmp/stop-${word} ] && [ $i -lt 256 ]; do dd if=/dev/zero bs=64k count=16 2>/dev/null | tr '\\000' 'Z' | dd of=/dev/vdb bs=1M seek=$((8+i)) conv=fsync 2>/dev/null || { echo "w-${word}-failed-$((1))"; break; }; i=$((i+1)); echo "w-${word}-chunk-$i"; done; echo "w-${word}-done-$i") > /dev/console 2>&1 & true`,
      );
      const chunks = async () => {
        const log = await consoleLog(guestA.id);
        if (log.includes(`w-${word}-failed-1`))
          throw new Error(`the guest's write failed: ${log.slice(-500)}`);
        return Math.max(
          0,
          ...[...log.matchAll(new RegExp(`w-${word}-chunk-(\\d+)`, "g"))].map((m) => Number(m[1])),
        );
      };
      const atLeast = (n: number, what: string) =>
        waitFor(what, async () => ((await chunks()) >= n ? true : undefined), 90_000);
      await atLeast(2, "the guest writing");

      await volumeAgent.kill();
      expect(volumeAgent.child.signalCode).toBe("SIGKILL");
      const atKill = await chunks();
      await atLeast(atKill + 2, "the guest writing on with the volume agent dead");

      volumeAgent = startVolumeAgent(agentOpts());
      // The restarted agent serves: a new volume becomes available.
      const probe = await createVolume({ size: 1, name: `vq-probe-${suffix}` });
      expect((await cinder("DELETE", `volumes/${probe}`)).status).toBe(202);
      await atLeast((await chunks()) + 1, "the guest writing on after the restart");
      await inGuest(guestA.id, `touch /tmp/stop-${word}`);
      const written = await waitFor(
        "the guest's writes done",
        async () => {
          const m = new RegExp(`w-${word}-done-(\\d+)`).exec(await consoleLog(guestA.id));
          return m?.[1] === undefined ? undefined : Number(m[1]);
        },
        90_000,
      );
      expect(written).toBeGreaterThanOrEqual(atKill + 3);
      writtenMiB = written;

      // The export was adopted, not restarted, and the attachment is unchanged.
      expect(await exportDaemonPid(String(a.id))).toBe(daemonBefore);
      expect((await attachmentOf(dataVolume)).connection_info).toEqual(a.connection_info);
      expect((await volumeIn(dataVolume, "in-use")).attachments).toHaveLength(1);
      // Every byte is there: the guest reads it back past its page cache; qemu-io checks the pattern.
      expect(
        await inGuest(
          guestA.id,
          `echo 3 > /proc/sys/vm/drop_caches; dd if=/dev/vdb bs=1M skip=8 count=${written} 2>/dev/null | tr -d Z | wc -c`,
        ),
      ).toBe("0");
      const check = await nbdClient(conn, await exportSecret(String(a.id)), [`read -P 0x5a 8M ${written}M`]);
      expect(check.ok, check.out).toBe(true);
      expect(check.out).toContain(
        `read ${written * 1024 * 1024}/${written * 1024 * 1024} bytes at offset 8388608`,
      );
      // The marker of case 1 is untouched.
      expect(
        await inGuest(guestA.id, "echo $(dd if=/dev/vdb bs=512 count=1 2>/dev/null | tr -d '\\000')"),
      ).toBe(dataMarker);
    });

    test("3. a server boots from a volume made from the zenith-tiny image and reaches its prompt", async () => {
      const name = `vq-bfv-${suffix}`;
      const { id, host } = await ready(
        await create(name, {
          block_device_mapping_v2: [
            {
              source_type: "image",
              destination_type: "volume",
              uuid: imageId,
              volume_size: 1,
              boot_index: 0,
              delete_on_termination: true,
            },
          ],
        }),
      );
      const log = await consoleLog(id);
      expect(log).toMatch(/root disk \/dev\/vda: Zenith tiny \d+ root disk/);
      const server = (await nova("GET", `servers/${id}`)).body.server;
      expect(server.image).toBe("");
      const [root] = server["os-extended-volumes:volumes_attached"];
      const vol = await volumeIn(String(root.id), "in-use");
      expect(vol).toMatchObject({ bootable: "true", size: 1 });
      expect(vol.attachments).toEqual([expect.objectContaining({ server_id: id, device: "/dev/vda" })]);
      expect(await inGuest(id, "echo $(cat /sys/block/vda/serial)")).toBe(String(root.id).slice(0, 20));
      // No local root disk on the compute host: the root is the volume host's.
      const files = await readdir(join(work, "a", "compute", host, "qemu", "instances", id));
      expect(files).toContain("domain.json");
      expect(files).not.toContain("disk.qcow2");
      const prompt = await inGuest(id, "hostname");
      expect(prompt).toBe(name);

      // A cold start (stop, start) dials the volume again: the guest comes back from it.
      expect((await nova("POST", `servers/${id}/action`, { "os-stop": null })).status).toBe(202);
      await waitFor(
        "SHUTOFF",
        async () =>
          (await nova("GET", `servers/${id}`)).body?.server?.status === "SHUTOFF" ? true : undefined,
        60_000,
      );
      expect((await nova("POST", `servers/${id}/action`, { "os-start": null })).status).toBe(202);
      await serverActive(id);
      await waitFor(
        "the second boot's prompt",
        async () => ((await consoleLog(id)).match(/zenith-tiny ready/g)?.length === 2 ? true : undefined),
        BOOT_MS,
      );
      expect(await inGuest(id, "echo $(cat /sys/block/vda/serial)")).toBe(String(root.id).slice(0, 20));

      expect((await nova("DELETE", `servers/${id}`)).status).toBe(204);
      servers.delete(name);
      await waitFor(
        "the boot volume deleted with its server",
        async () => ((await cinder("GET", `volumes/${String(root.id)}`)).status === 404 ? true : undefined),
        90_000,
      );
    });

    test("6. with the volume agent down, a detach completes and an attach waits; both converge once it is back", async () => {
      const old = await attachmentOf(dataVolume);
      const oldDaemon = await exportDaemonPid(String(old.id));
      await volumeAgent.kill();

      // The detach is the compute host's work: done without the volume host.
      await detach(guestA.id, dataVolume);
      await guestLacks(guestA.id, "vdb");
      // The attach needs a new export: it waits, reported as attaching, not failed.
      const r = await nova("POST", `servers/${guestB.id}/os-volume_attachments`, {
        volumeAttachment: { volumeId: dataVolume },
      });
      expect(r.status, r.text).toBe(200);
      expect((await cinder("GET", `volumes/${dataVolume}`)).body.volume.status).toBe("attaching");
      expect(await daemonAlive(oldDaemon)).toBe(true);

      volumeAgent = startVolumeAgent(agentOpts());
      await volumeIn(dataVolume, "in-use");
      expect(await guestSectors(guestB.id, "vdb")).toBe(2 * GIB_SECTORS);
      expect(
        await inGuest(guestB.id, "echo $(dd if=/dev/vdb bs=512 count=1 2>/dev/null | tr -d '\\000')"),
      ).toBe(dataMarker);
      // The export of the detached attachment is stopped once the agent hears the desired state.
      await waitFor(
        "the old export stopped",
        async () => ((await daemonAlive(oldDaemon)) ? undefined : true),
        60_000,
      );
      dataVolumeServer = guestB.id;
    });

    test("7. a snapshot, a backup and an image of the attached volume hold what the guests wrote", async () => {
      const snap = await cinder("POST", "snapshots", {
        snapshot: { volume_id: dataVolume, force: true, name: `vq-snap-${suffix}` },
      });
      expect(snap.status, snap.text).toBe(202);
      const snapId = String(snap.body.snapshot.id);
      const backup = await cinder("POST", "backups", {
        backup: { volume_id: dataVolume, force: true, name: `vq-backup-${suffix}` },
      });
      expect(backup.status, backup.text).toBe(202);
      const backupId = String(backup.body.backup.id);
      await waitFor(
        "the snapshot available",
        async () =>
          (await cinder("GET", `snapshots/${snapId}`)).body?.snapshot?.status === "available"
            ? true
            : undefined,
        60_000,
      );
      const fromSnapshot = await createVolume({ snapshot_id: snapId, name: `vq-fromsnap-${suffix}` });
      await waitFor(
        "the backup available",
        async () => {
          const b = (await cinder("GET", `backups/${backupId}`)).body?.backup;
          if (b?.status === "error") throw new Error(`backup failed: ${JSON.stringify(b)}`);
          return b?.status === "available" ? true : undefined;
        },
        120_000,
      );
      await volumeIn(dataVolume, "in-use");
      const restore = await cinder("POST", `backups/${backupId}/restore`, {
        restore: { name: `vq-restored-${suffix}` },
      });
      expect(restore.status, restore.text).toBe(202);
      const restored = String(restore.body.restore.volume_id);
      await volumeIn(restored, "available", 120_000);

      const upload = await cinder("POST", `volumes/${dataVolume}/action`, {
        "os-volume_upload_image": { image_name: `vq-image-${suffix}`, force: true, disk_format: "qcow2" },
      });
      expect(upload.status, upload.text).toBe(202);
      const imageOf = String(upload.body["os-volume_upload_image"].image_id);
      await waitFor(
        "the image active",
        async () => {
          const img = (await call("GET", `/image/v2/images/${imageOf}`)).body;
          if (img?.status === "killed") throw new Error(`upload failed: ${JSON.stringify(img)}`);
          return img?.status === "active" ? true : undefined;
        },
        120_000,
      );
      await volumeIn(dataVolume, "in-use");

      // The copies, attached to the other guest, read as the original.
      const zs = `echo 3 > /proc/sys/vm/drop_caches; echo $(dd if=/dev/DEV bs=512 count=1 2>/dev/null | tr -d '\\000') $(dd if=/dev/DEV bs=1M skip=8 count=${writtenMiB} 2>/dev/null | tr -d Z | wc -c)`;
      for (const volumeId of [fromSnapshot, restored]) {
        const device = await attach(guestA.id, volumeId);
        const dev = device.replace("/dev/", "");
        expect(await guestSectors(guestA.id, dev)).toBe(2 * GIB_SECTORS);
        expect(await inGuest(guestA.id, zs.replaceAll("DEV", dev))).toBe(`${dataMarker} 0`);
        await detach(guestA.id, volumeId);
        await guestLacks(guestA.id, dev);
      }
      // The image: Glance's bytes, checked by qemu-io as a qcow2 file.
      const file = await fetch(`${control.url}/image/v2/images/${imageOf}/file`, {
        headers: { "x-auth-token": token },
      });
      expect(file.status).toBe(200);
      const path = join(work, "uploaded.qcow2");
      // Streamed to a file: a raw 2 GiB image would not fit in one buffer (and must not be what came).
      await pipeline(Readable.fromWeb(file.body as NodeReadableStream<Uint8Array>), createWriteStream(path));
      expect((await execFileAsync("qemu-img", ["info", "--output=json", path])).stdout).toMatch(
        /"format": "qcow2"/,
      );
      const { stdout } = await execFileAsync("qemu-io", [
        "-r",
        "-f",
        "qcow2",
        "-c",
        "read -v 0 32",
        "-c",
        `read -P 0x5a 8M ${writtenMiB}M`,
        path,
      ]);
      expect(stdout).toContain(dataMarker.slice(0, 14));
      expect(stdout).not.toMatch(/Pattern verification failed/);
      rmSync(path);

      expect((await cinder("DELETE", `snapshots/${snapId}`)).status).toBe(202);
      expect((await cinder("DELETE", `backups/${backupId}`)).status).toBe(202);
    });

    test("8. an image uploaded from a volume made from zenith-tiny boots a server", async () => {
      const source = await createVolume({ size: 1, imageRef: imageId, name: `vq-root-${suffix}` });
      const upload = await cinder("POST", `volumes/${source}/action`, {
        "os-volume_upload_image": { image_name: `vq-rootimg-${suffix}`, disk_format: "qcow2" },
      });
      expect(upload.status, upload.text).toBe(202);
      const uploaded = String(upload.body["os-volume_upload_image"].image_id);
      await waitFor(
        "the image active",
        async () => {
          const img = (await call("GET", `/image/v2/images/${uploaded}`)).body;
          if (img?.status === "killed") throw new Error(`upload failed: ${JSON.stringify(img)}`);
          return img?.status === "active" ? true : undefined;
        },
        120_000,
      );
      // Cinder copies the volume's image properties (kernel, ramdisk…) to the image it uploads.
      const original = (await call("GET", `/image/v2/images/${imageId}`)).body;
      const image = (await call("GET", `/image/v2/images/${uploaded}`)).body;
      expect(image).toMatchObject({
        disk_format: "qcow2",
        kernel_id: original.kernel_id,
        ramdisk_id: original.ramdisk_id,
      });
      const name = `vq-fromimg-${suffix}`;
      const { id } = await ready(await create(name, { imageRef: uploaded }));
      expect(await consoleLog(id)).toMatch(/root disk \/dev\/vda: Zenith tiny \d+ root disk/);
      expect(await inGuest(id, "hostname")).toBe(name);
      expect((await nova("DELETE", `servers/${id}`)).status).toBe(204);
      servers.delete(name);
      expect((await cinder("DELETE", `volumes/${source}`)).status).toBe(202);
    });

    test("deleting servers and volumes through the API leaves no qemu or qemu-storage-daemon running", async () => {
      await detach(dataVolumeServer, dataVolume);
      await Promise.all([...servers.values()].map((id) => nova("DELETE", `servers/${id}`)));
      for (const snap of ((await cinder("GET", "snapshots")).body?.snapshots ?? []) as Json[]) {
        if (snap.status === "deleting") continue;
        expect((await cinder("DELETE", `snapshots/${String(snap.id)}`)).status).toBe(202);
      }
      await waitFor(
        "snapshots gone",
        async () =>
          ((await cinder("GET", "snapshots")).body?.snapshots ?? []).length === 0 ? true : undefined,
        60_000,
      );
      await waitFor(
        "servers gone",
        async () => {
          const left = await Promise.all([...servers.values()].map((id) => nova("GET", `servers/${id}`)));
          return left.every((r) => r.status === 404) ? true : undefined;
        },
        60_000,
      );
      const volumes = (await cinder("GET", "volumes")).body.volumes as Json[];
      for (const v of volumes) expect((await cinder("DELETE", `volumes/${String(v.id)}`)).status).toBe(202);
      await waitFor(
        "no guest and no export daemon left",
        async () =>
          processesNaming("qemu-system", work).length +
            processesNaming("qemu-storage-daemon", work).length ===
          0
            ? true
            : undefined,
        90_000,
      );
      await waitFor(
        "the volumes gone",
        async () => (((await cinder("GET", "volumes")).body?.volumes ?? []).length === 0 ? true : undefined),
        60_000,
      );
      expect(await readdir(join(volumeAgent.storageDir, "volumes"))).toEqual([]);
    });

    /** True while `pid` runs (a zombie waiting to be reaped has stopped). */
    async function daemonAlive(pid: number): Promise<boolean> {
      const stat = await readFile(`/proc/${pid}/stat`, "utf8").catch(() => undefined);
      if (stat === undefined) return false;
      const state = stat.slice(stat.lastIndexOf(")") + 2).split(" ")[0];
      return state !== "Z" && state !== "X";
    }

    /** The export daemon's pid (the file driver's pid file in the export's folder). */
    async function exportDaemonPid(attachmentId: string): Promise<number> {
      return Number(
        (await readFile(join(volumeAgent.storageDir, "exports", attachmentId, "pid"), "utf8")).trim(),
      );
    }
    /** The export's secret as only the volume host (and the compute host dialing it) hold it. */
    async function exportSecret(attachmentId: string): Promise<string> {
      const keys = await readFile(join(volumeAgent.storageDir, "exports", attachmentId, "keys.psk"), "utf8");
      return keys.trim().split(":")[1] ?? "";
    }
  });
}
