/**
 * The one test suite every `ComputeDriver` passes: always the fake, and qemu
 * wherever QEMU is installed. It uses the public interface only, names
 * everything it creates uniquely and destroys it afterwards, and waits for
 * states instead of sleeping, so it can run against a real host.
 */
import { randomUUID } from "node:crypto";
import { mkdtemp, rm, stat, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { type Duplex, Readable, Writable } from "node:stream";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import {
  type ComputeDriver,
  type DriverCapabilities,
  type DriverErrorCode,
  driverCapabilitiesSchema,
  type FlavorInput,
  hostResourcesSchema,
  type ImageSource,
  type InstanceInfo,
  instanceInfoSchema,
  instanceSummarySchema,
  isDriverError,
  PowerState,
  type PowerState as PowerStateValue,
  powerStateName,
  type SpawnSpec,
  snapshotResultSchema,
} from "../src/driver/types.ts";

export interface DriverSuiteOptions {
  /** Per-test timeout; real hypervisors need more than the fake. */
  timeoutMs?: number;
  /** A bootable image (qemu: a small cloud image on disk). Default: 64 KiB of zeros, enough for the fake. */
  imageForTests?: () => Promise<ImageSource> | ImageSource;
  /** Default: 1 vCPU, 128 MB, 1 GB root. */
  flavorForTests?: FlavorInput;
  /** Must not shrink the root disk. Default: 2 vCPUs, 256 MB, 2 GB root. */
  resizeFlavor?: FlavorInput;
}

const defaultFlavor: FlavorInput = { vcpus: 1, memoryMb: 128, rootGb: 1 };
const defaultResizeFlavor: FlavorInput = { vcpus: 2, memoryMb: 256, rootGb: 2 };

function zeroImage(): ImageSource {
  return {
    id: randomUUID(),
    diskFormat: "raw",
    data: { kind: "stream", open: async () => Readable.from([Buffer.alloc(64 * 1024)]) },
  };
}

/** Settles `promise` and checks it rejected with a `DriverError` of `code`. */
export async function expectDriverError(promise: Promise<unknown>, code: DriverErrorCode): Promise<void> {
  const outcome = await promise.then(
    () => "resolved",
    (err: unknown) => (isDriverError(err) ? err.code : err),
  );
  expect(outcome).toBe(code);
}

/** Polls until `done(value)`; a wait for a state, never a fixed sleep. */
async function waitFor<T>(
  read: () => Promise<T>,
  done: (value: T) => boolean,
  timeoutMs: number,
): Promise<T> {
  const until = Date.now() + timeoutMs;
  for (;;) {
    const value = await read();
    if (done(value) || Date.now() > until) return value;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

function firstChunk(stream: Duplex): Promise<string> {
  return new Promise((resolve, reject) => {
    stream.once("data", (chunk: Buffer | string) => resolve(chunk.toString()));
    stream.once("error", reject);
  });
}

/** A data volume on a local file (every driver takes it; the qemu driver opens the file). */
export function fileVolume(path: string, format: "raw" | "qcow2" = "raw") {
  return {
    attachmentId: randomUUID(),
    volumeId: randomUUID(),
    connection: { driver: "file" as const, path, format },
  };
}

function discard(): Writable {
  return new Writable({ write: (_chunk, _enc, done) => done() });
}

export function describeDriverSuite(
  name: string,
  makeDriver: () => Promise<ComputeDriver>,
  options: DriverSuiteOptions = {},
): void {
  const timeoutMs = options.timeoutMs ?? 10_000;
  const flavor = options.flavorForTests ?? defaultFlavor;
  const resizeFlavor = options.resizeFlavor ?? defaultResizeFlavor;
  const image = async () => (options.imageForTests ? options.imageForTests() : zeroImage());

  // Capabilities decide which tests exist, so they are read while collecting.
  describe(`ComputeDriver contract: ${name}`, async () => {
    const probe = await makeDriver();
    const caps = driverCapabilitiesSchema.parse(probe.capabilities);
    await probe.close();

    let driver: ComputeDriver;
    const created = new Set<string>();
    const scratch: string[] = [];

    beforeAll(async () => {
      driver = await makeDriver();
      await driver.init();
    }, timeoutMs);

    // Clean up everything even when one destroy fails, then report the failure.
    afterEach(async () => {
      const uuids = [...created];
      created.clear();
      const results = await Promise.allSettled([
        ...uuids.map((uuid) => driver.destroy(uuid)),
        ...scratch.splice(0).map((dir) => rm(dir, { recursive: true, force: true })),
      ]);
      const failed = results.find((r) => r.status === "rejected");
      if (failed) throw failed.reason;
    }, timeoutMs);

    afterAll(async () => {
      await driver?.close();
    }, timeoutMs);

    const test = (title: string, fn: () => Promise<void>) => it(title, fn, timeoutMs);
    /**
     * A test that needs `cap`. When the driver declares the capability false the
     * test is skipped, saying why (vitest fails a group with no tests at all):
     * the "Unsupported" group below checks that such calls are refused instead.
     */
    /**
     * A test that needs `cap`. When the driver declares the capability false
     * the test is not registered: "unsupported features → Unsupported" checks
     * that such calls are refused instead. Groups whose every test needs one
     * capability are registered through `groupFor` for the same reason
     * (vitest fails an empty group).
     */
    const gated = (cap: keyof DriverCapabilities, title: string, fn: () => Promise<void>) => {
      if (caps[cap]) it(title, fn, timeoutMs);
    };
    const groupFor = (needs: Array<keyof DriverCapabilities>, title: string, fn: () => void) => {
      if (needs.some((cap) => caps[cap])) describe(title, fn);
    };

    async function newSpec(overrides: Partial<SpawnSpec> = {}): Promise<SpawnSpec> {
      const uuid = randomUUID();
      created.add(uuid);
      return { uuid, name: `zenith-suite-${uuid.slice(0, 8)}`, flavor, image: await image(), ...overrides };
    }

    async function spawnNew(): Promise<string> {
      const spec = await newSpec();
      await driver.spawn(spec);
      return spec.uuid;
    }

    async function info(uuid: string): Promise<InstanceInfo> {
      return instanceInfoSchema.parse(await driver.getInfo(uuid));
    }

    async function expectPower(uuid: string, state: PowerStateValue): Promise<void> {
      expect(powerStateName((await info(uuid)).powerState)).toBe(powerStateName(state));
    }

    async function scratchDir(): Promise<string> {
      const dir = await mkdtemp(join(tmpdir(), "zenith-driver-suite-"));
      scratch.push(dir);
      return dir;
    }

    describe("lifecycle of the driver", () => {
      test("capabilities and hostResources match their schemas", async () => {
        expect(driverCapabilitiesSchema.parse(driver.capabilities)).toEqual(caps);
        const host = hostResourcesSchema.parse(await driver.hostResources());
        expect(host.hypervisorType.length).toBeGreaterThan(0);
      });

      test("calls before init() reject with InvalidState; init() is idempotent", async () => {
        const fresh = await makeDriver();
        await expectDriverError(fresh.listInstances(), "InvalidState");
        await fresh.init();
        await fresh.init();
        expect(Array.isArray(await fresh.listInstances())).toBe(true);
        await fresh.close();
        await fresh.close();
      });

      test("close() leaves guests running and init() adopts them", async () => {
        const uuid = await spawnNew();
        await driver.close();
        await driver.init();
        const listed = (await driver.listInstances()).find((i) => i.uuid === uuid);
        expect(listed?.powerState).toBe(PowerState.RUNNING);
      });
    });

    describe("spawn", () => {
      test("spawn → RUNNING, listed, sized by the flavor", async () => {
        const spec = await newSpec();
        await driver.spawn(spec);
        const i = await info(spec.uuid);
        expect(i.powerState).toBe(PowerState.RUNNING);
        expect(i).toMatchObject({ uuid: spec.uuid, vcpus: flavor.vcpus, memoryMb: flavor.memoryMb });
        expect(i.uptimeS).not.toBeNull();
        expect(i.resizePending).toBe(false);
        const listed = (await driver.listInstances()).map((s) => instanceSummarySchema.parse(s));
        expect(listed).toContainEqual({ uuid: spec.uuid, name: spec.name, powerState: PowerState.RUNNING });
      });

      test("spawn of a taken uuid → InstanceExists; the existing instance is untouched", async () => {
        const spec = await newSpec();
        await driver.spawn(spec);
        await driver.powerOff(spec.uuid, { timeoutS: 0 });
        await expectDriverError(driver.spawn(spec), "InstanceExists");
        await expectPower(spec.uuid, PowerState.SHUTDOWN);
      });

      test("concurrent spawns of one uuid: one succeeds, the other → InstanceExists", async () => {
        const spec = await newSpec();
        const results = await Promise.allSettled([driver.spawn(spec), driver.spawn(spec)]);
        expect(results.filter((r) => r.status === "fulfilled")).toHaveLength(1);
        const rejected = results.find((r) => r.status === "rejected");
        expect(rejected?.status === "rejected" && isDriverError(rejected.reason, "InstanceExists")).toBe(
          true,
        );
        await expectPower(spec.uuid, PowerState.RUNNING);
      });

      test("an invalid spec → InvalidRequest and nothing is created", async () => {
        const spec = await newSpec({ name: "" });
        await expectDriverError(driver.spawn(spec), "InvalidRequest");
        expect((await driver.listInstances()).some((i) => i.uuid === spec.uuid)).toBe(false);
      });

      test("an unreadable image → SpawnFailed, nothing left behind, spawning again works", async () => {
        const good = await newSpec();
        if (good.image === null) throw new Error("the suite's specs boot from an image");
        const broken: ImageSource = {
          ...good.image,
          data: { kind: "stream", open: () => Promise.reject(new Error("image store unavailable")) },
        };
        await expectDriverError(driver.spawn({ ...good, image: broken }), "SpawnFailed");
        expect((await driver.listInstances()).some((i) => i.uuid === good.uuid)).toBe(false);
        await expectDriverError(driver.getInfo(good.uuid), "InstanceNotFound");
        await driver.spawn(good);
        await expectPower(good.uuid, PowerState.RUNNING);
      });
    });

    describe("power", () => {
      test("reboot SOFT and HARD keep RUNNING", async () => {
        const uuid = await spawnNew();
        await driver.reboot(uuid, "SOFT");
        await expectPower(uuid, PowerState.RUNNING);
        await driver.reboot(uuid, "HARD");
        await expectPower(uuid, PowerState.RUNNING);
      });

      test("reboot SOFT of a SHUTDOWN instance → InvalidState; HARD brings it back to RUNNING", async () => {
        const uuid = await spawnNew();
        await driver.powerOff(uuid, { timeoutS: 0 });
        await expectDriverError(driver.reboot(uuid, "SOFT"), "InvalidState");
        await expectPower(uuid, PowerState.SHUTDOWN);
        await driver.reboot(uuid, "HARD");
        await expectPower(uuid, PowerState.RUNNING);
      });

      test("powerOff → SHUTDOWN, powerOn → RUNNING, both idempotent", async () => {
        const uuid = await spawnNew();
        await driver.powerOff(uuid, { timeoutS: 5 });
        await expectPower(uuid, PowerState.SHUTDOWN);
        expect((await info(uuid)).uptimeS).toBeNull();
        await driver.powerOff(uuid);
        await expectPower(uuid, PowerState.SHUTDOWN);
        await driver.powerOn(uuid);
        await expectPower(uuid, PowerState.RUNNING);
        await driver.powerOn(uuid);
        await expectPower(uuid, PowerState.RUNNING);
      });

      test("powerOff with a negative timeout → InvalidRequest", async () => {
        const uuid = await spawnNew();
        await expectDriverError(driver.powerOff(uuid, { timeoutS: -1 }), "InvalidRequest");
        await expectPower(uuid, PowerState.RUNNING);
      });

      gated("supportsPause", "pause → PAUSED, unpause → RUNNING, both idempotent", async () => {
        const uuid = await spawnNew();
        await driver.pause(uuid);
        await driver.pause(uuid);
        await expectPower(uuid, PowerState.PAUSED);
        await expectDriverError(driver.powerOn(uuid), "InvalidState");
        await driver.unpause(uuid);
        await driver.unpause(uuid);
        await expectPower(uuid, PowerState.RUNNING);
      });

      gated("supportsPause", "pause of a SHUTDOWN instance → InvalidState", async () => {
        const uuid = await spawnNew();
        await driver.powerOff(uuid, { timeoutS: 0 });
        await expectDriverError(driver.pause(uuid), "InvalidState");
        await expectPower(uuid, PowerState.SHUTDOWN);
      });

      gated("supportsSuspend", "suspend → SUSPENDED, resume → RUNNING, both idempotent", async () => {
        const uuid = await spawnNew();
        await driver.suspend(uuid);
        await driver.suspend(uuid);
        await expectPower(uuid, PowerState.SUSPENDED);
        await driver.resume(uuid);
        await driver.resume(uuid);
        await expectPower(uuid, PowerState.RUNNING);
      });

      gated("supportsSuspend", "powerOff and powerOn of a SUSPENDED instance → InvalidState", async () => {
        const uuid = await spawnNew();
        await driver.suspend(uuid);
        await expectDriverError(driver.powerOff(uuid), "InvalidState");
        await expectDriverError(driver.powerOn(uuid), "InvalidState");
        await expectPower(uuid, PowerState.SUSPENDED);
      });
    });

    describe("destroy", () => {
      test("destroy removes the instance from listInstances and getInfo", async () => {
        const uuid = await spawnNew();
        await driver.destroy(uuid);
        expect((await driver.listInstances()).some((i) => i.uuid === uuid)).toBe(false);
        await expectDriverError(driver.getInfo(uuid), "InstanceNotFound");
      });

      test("destroy is idempotent: again, and for a uuid never seen, it succeeds", async () => {
        const uuid = await spawnNew();
        await driver.powerOff(uuid, { timeoutS: 0 });
        await driver.destroy(uuid);
        await driver.destroy(uuid);
        await driver.destroy(randomUUID());
      });
    });

    describe("metering", () => {
      test("readCounters: a running guest with its CPU time and root disk vda; shut down → left out; destroyed → gone", async () => {
        const uuid = await spawnNew();
        const mine = async () => (await driver.readCounters()).find((c) => c.uuid === uuid);
        const first = await mine();
        expect(first).toMatchObject({ uuid, powerState: PowerState.RUNNING, vcpus: flavor.vcpus });
        expect(first?.cpuNs).toBeGreaterThanOrEqual(0);
        expect(first?.disks.map((d) => d.device)).toContain("vda");
        // Cumulative: a later read never counts less.
        const later = await mine();
        expect(later?.cpuNs).toBeGreaterThanOrEqual(first?.cpuNs ?? Number.POSITIVE_INFINITY);
        const usage = await driver.hostUsage();
        expect(usage.runningInstances).toBeGreaterThanOrEqual(1);
        expect(usage.memoryUsedBytes).toBeLessThanOrEqual(usage.memoryTotalBytes);
        expect(usage.diskUsedBytes).toBeLessThanOrEqual(usage.diskTotalBytes);
        await driver.powerOff(uuid, { timeoutS: 0 });
        expect(await mine()).toBeUndefined();
        await driver.destroy(uuid);
        expect(await mine()).toBeUndefined();
      });
    });

    describe("unknown uuids → InstanceNotFound", () => {
      const serial = caps.supportsSerialConsole;
      const calls: Array<[string, keyof DriverCapabilities | undefined, (uuid: string) => Promise<unknown>]> =
        [
          ["getInfo", undefined, (u) => driver.getInfo(u)],
          ["reboot", undefined, (u) => driver.reboot(u, "HARD")],
          ["powerOff", undefined, (u) => driver.powerOff(u)],
          ["powerOn", undefined, (u) => driver.powerOn(u)],
          ["consoleOutput", undefined, (u) => driver.consoleOutput(u)],
          [
            "consoleEndpoint",
            serial ? "supportsSerialConsole" : "supportsGraphicConsole",
            (u) => driver.consoleEndpoint(u, serial ? "serial" : "vnc"),
          ],
          ["pause", "supportsPause", (u) => driver.pause(u)],
          ["unpause", "supportsPause", (u) => driver.unpause(u)],
          ["suspend", "supportsSuspend", (u) => driver.suspend(u)],
          ["resume", "supportsSuspend", (u) => driver.resume(u)],
          ["rebuild", "supportsRebuild", async (u) => driver.rebuild(u, await image())],
          ["resize", "supportsResize", (u) => driver.resize(u, resizeFlavor)],
          ["confirmResize", "supportsResize", (u) => driver.confirmResize(u)],
          ["revertResize", "supportsResize", (u) => driver.revertResize(u)],
          ["snapshot", "supportsSnapshot", (u) => driver.snapshot(u, { kind: "stream", stream: discard() })],
          ["attachVolume", "supportsVolumeAttach", (u) => driver.attachVolume(u, fileVolume("/nonexistent"))],
          ["detachVolume", "supportsVolumeAttach", (u) => driver.detachVolume(u, randomUUID())],
          [
            "attachInterface",
            "supportsInterfaceAttach",
            (u) => driver.attachInterface(u, { portId: randomUUID(), macAddress: "fa:16:3e:00:00:01" }),
          ],
          ["detachInterface", "supportsInterfaceAttach", (u) => driver.detachInterface(u, randomUUID())],
        ];
      for (const [op, cap, call] of calls) {
        const run = () => expectDriverError(call(randomUUID()), "InstanceNotFound");
        if (cap === undefined) test(op, run);
        else gated(cap, op, run);
      }
    });

    const anyDeclaredOff = Object.values(caps).some((on) => !on);
    (anyDeclaredOff ? describe : () => {})("unsupported features → Unsupported", () => {
      const unsupported: Array<[keyof DriverCapabilities, (uuid: string) => Promise<unknown>]> = [
        ["supportsPause", (u) => driver.pause(u)],
        ["supportsSuspend", (u) => driver.suspend(u)],
        ["supportsRebuild", async (u) => driver.rebuild(u, await image())],
        ["supportsResize", (u) => driver.resize(u, resizeFlavor)],
        ["supportsSnapshot", (u) => driver.snapshot(u, { kind: "stream", stream: discard() })],
        ["supportsSerialConsole", (u) => driver.consoleEndpoint(u, "serial")],
        ["supportsGraphicConsole", (u) => driver.consoleEndpoint(u, "vnc")],
        ["supportsVolumeAttach", (u) => driver.attachVolume(u, fileVolume("/nonexistent"))],
        [
          "supportsInterfaceAttach",
          (u) => driver.attachInterface(u, { portId: randomUUID(), macAddress: "fa:16:3e:00:00:01" }),
        ],
      ];
      const declaredOff = unsupported.filter(([cap]) => !caps[cap]);
      for (const [cap, call] of declaredOff) {
        test(`${cap} is false → Unsupported, state untouched`, async () => {
          const uuid = await spawnNew();
          await expectDriverError(call(uuid), "Unsupported");
          await expectPower(uuid, PowerState.RUNNING);
        });
      }
    });

    groupFor(["supportsRebuild"], "rebuild", () => {
      gated("supportsRebuild", "rebuild of a RUNNING instance keeps uuid, flavor and RUNNING", async () => {
        const uuid = await spawnNew();
        await driver.rebuild(uuid, await image());
        const i = await info(uuid);
        expect(i).toMatchObject({ uuid, powerState: PowerState.RUNNING, vcpus: flavor.vcpus });
      });

      gated("supportsRebuild", "rebuild of a SHUTDOWN instance leaves it SHUTDOWN", async () => {
        const uuid = await spawnNew();
        await driver.powerOff(uuid, { timeoutS: 0 });
        await driver.rebuild(uuid, await image());
        await expectPower(uuid, PowerState.SHUTDOWN);
      });
    });

    groupFor(["supportsResize"], "resize", () => {
      gated(
        "supportsResize",
        "resize → new flavor pending; confirm drops it; confirm again is a no-op",
        async () => {
          const uuid = await spawnNew();
          await driver.resize(uuid, resizeFlavor);
          expect(await info(uuid)).toMatchObject({
            powerState: PowerState.RUNNING,
            vcpus: resizeFlavor.vcpus,
            memoryMb: resizeFlavor.memoryMb,
            resizePending: true,
          });
          await expectDriverError(driver.resize(uuid, resizeFlavor), "InvalidState");
          await driver.confirmResize(uuid);
          await driver.confirmResize(uuid);
          expect(await info(uuid)).toMatchObject({ vcpus: resizeFlavor.vcpus, resizePending: false });
        },
      );

      gated(
        "supportsResize",
        "revertResize restores the flavor; nothing pending → InvalidState",
        async () => {
          const uuid = await spawnNew();
          await expectDriverError(driver.revertResize(uuid), "InvalidState");
          await driver.powerOff(uuid, { timeoutS: 0 });
          await driver.resize(uuid, resizeFlavor);
          await driver.revertResize(uuid);
          expect(await info(uuid)).toMatchObject({
            powerState: PowerState.SHUTDOWN,
            vcpus: flavor.vcpus,
            memoryMb: flavor.memoryMb,
            resizePending: false,
          });
        },
      );

      gated("supportsResize", "a shrinking root disk → InvalidRequest", async () => {
        const uuid = await spawnNew();
        await driver.resize(uuid, resizeFlavor);
        await driver.confirmResize(uuid);
        await expectDriverError(driver.resize(uuid, flavor), "InvalidRequest");
        expect((await info(uuid)).resizePending).toBe(false);
      });
    });

    groupFor(["supportsSnapshot"], "snapshot", () => {
      gated("supportsSnapshot", "snapshot to a stream writes sizeBytes bytes and keeps RUNNING", async () => {
        const uuid = await spawnNew();
        const chunks: Buffer[] = [];
        const stream = new Writable({
          write(chunk: Buffer, _enc, done) {
            chunks.push(chunk);
            done();
          },
        });
        const result = snapshotResultSchema.parse(await driver.snapshot(uuid, { kind: "stream", stream }));
        expect(result.sizeBytes).toBeGreaterThan(0);
        expect(Buffer.concat(chunks).length).toBe(result.sizeBytes);
        expect(stream.writableFinished).toBe(true);
        await expectPower(uuid, PowerState.RUNNING);
      });

      gated("supportsSnapshot", "snapshot of a SHUTDOWN instance to a path", async () => {
        const uuid = await spawnNew();
        await driver.powerOff(uuid, { timeoutS: 0 });
        const path = join(await scratchDir(), "snapshot.img");
        const result = await driver.snapshot(uuid, { kind: "path", path });
        expect((await stat(path)).size).toBe(result.sizeBytes);
        await expectPower(uuid, PowerState.SHUTDOWN);
      });
    });

    describe("consoles", () => {
      test("consoleOutput has the boot log after spawn; tailBytes limits it", async () => {
        const uuid = await spawnNew();
        const log = await waitFor(
          () => driver.consoleOutput(uuid),
          (out) => out.length > 0,
          timeoutMs / 2,
        );
        expect(log.length).toBeGreaterThan(0);
        const tail = await driver.consoleOutput(uuid, { tailBytes: 8 });
        expect(Buffer.byteLength(tail)).toBeLessThanOrEqual(8);
      });

      gated("supportsSerialConsole", "a serial console endpoint connects to a duplex stream", async () => {
        const uuid = await spawnNew();
        const endpoint = await driver.consoleEndpoint(uuid, "serial");
        expect(endpoint.kind).toBe("serial");
        const stream = await endpoint.connect();
        expect(stream.readable && stream.writable).toBe(true);
        stream.destroy();
      });

      gated("supportsGraphicConsole", "a vnc console endpoint speaks RFB", async () => {
        const uuid = await spawnNew();
        const stream = await (await driver.consoleEndpoint(uuid, "vnc")).connect();
        expect(await firstChunk(stream)).toMatch(/^RFB \d{3}\.\d{3}\n/);
        stream.destroy();
      });

      gated(
        "supportsSerialConsole",
        "no console endpoint for a SHUTDOWN instance → InvalidState",
        async () => {
          const uuid = await spawnNew();
          await driver.powerOff(uuid, { timeoutS: 0 });
          await expectDriverError(driver.consoleEndpoint(uuid, "serial"), "InvalidState");
        },
      );
    });

    groupFor(["supportsVolumeAttach", "supportsInterfaceAttach"], "attachments", () => {
      gated(
        "supportsVolumeAttach",
        "attach/detach a volume, both idempotent, reflected in getInfo",
        async () => {
          const uuid = await spawnNew();
          const path = join(await scratchDir(), "volume.raw");
          await writeFile(path, Buffer.alloc(1024 * 1024));
          const volume = fileVolume(path);
          const first = await driver.attachVolume(uuid, volume);
          expect(first).toMatchObject({ attachmentId: volume.attachmentId, volumeId: volume.volumeId });
          expect(first.device).toMatch(/^\/dev\/vd[b-z]$/);
          expect(await driver.attachVolume(uuid, volume)).toEqual(first);
          expect((await info(uuid)).volumes).toEqual([first]);
          await driver.detachVolume(uuid, volume.attachmentId);
          await driver.detachVolume(uuid, volume.attachmentId);
          expect((await info(uuid)).volumes).toEqual([]);
        },
      );

      gated(
        "supportsInterfaceAttach",
        "spawn with NICs: getInfo lists them in port order; hot-plug appends, unplug keeps the order",
        async () => {
          const nic = (mac: string) => {
            const portId = randomUUID();
            return { portId, macAddress: mac, mtu: 1450, device: `tap${portId.slice(0, 11)}` };
          };
          const [a, b, c] = [nic("fa:16:3e:00:01:01"), nic("fa:16:3e:00:01:02"), nic("fa:16:3e:00:01:03")];
          const spec = await newSpec({ networkInterfaces: [a, b] });
          await driver.spawn(spec);
          expect((await info(spec.uuid)).interfaces).toEqual([a, b]);
          await driver.attachInterface(spec.uuid, c);
          await driver.detachInterface(spec.uuid, a.portId);
          expect((await info(spec.uuid)).interfaces).toEqual([b, c]);
          // Survives a power cycle (the definition keeps them).
          await driver.reboot(spec.uuid, "HARD");
          expect((await info(spec.uuid)).interfaces).toEqual([b, c]);
        },
      );

      gated(
        "supportsInterfaceAttach",
        "two NICs of one guest with the same port or the same tap → InvalidRequest, nothing created",
        async () => {
          const portId = randomUUID();
          const vif = { portId, macAddress: "fa:16:3e:00:02:01" };
          const samePort = await newSpec({
            networkInterfaces: [vif, { ...vif, macAddress: "fa:16:3e:00:02:02" }],
          });
          await expectDriverError(driver.spawn(samePort), "InvalidRequest");
          const device = `tap${randomUUID().slice(0, 11)}`;
          const sameTap = await newSpec({
            networkInterfaces: [
              { portId: randomUUID(), macAddress: "fa:16:3e:00:02:03", device },
              { portId: randomUUID(), macAddress: "fa:16:3e:00:02:04", device },
            ],
          });
          await expectDriverError(driver.spawn(sameTap), "InvalidRequest");
          const uuids = new Set((await driver.listInstances()).map((i) => i.uuid));
          expect(uuids.has(samePort.uuid) || uuids.has(sameTap.uuid)).toBe(false);
        },
      );

      gated(
        "supportsInterfaceAttach",
        "attach/detach an interface, both idempotent, reflected in getInfo",
        async () => {
          const uuid = await spawnNew();
          const vif = { portId: randomUUID(), macAddress: "fa:16:3e:12:34:56" };
          await driver.attachInterface(uuid, vif);
          await driver.attachInterface(uuid, vif);
          expect((await info(uuid)).interfaces).toEqual([vif]);
          await driver.detachInterface(uuid, vif.portId);
          await driver.detachInterface(uuid, vif.portId);
          expect((await info(uuid)).interfaces).toEqual([]);
        },
      );
    });
  });
}
