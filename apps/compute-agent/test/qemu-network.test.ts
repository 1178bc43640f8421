/**
 * Guest networking on the qemu driver with real zenith-tiny guests: a tap
 * per port on the host, NICs with the ports' MACs in the guest, hot-plug
 * and unplug, and real traffic — the guest's tap on a test bridge, dnsmasq
 * and a metadata server in a test namespace — giving the guest its address,
 * MTU, routes and hostname. Everything is named uniquely per run and removed
 * afterwards.
 *
 * Needs QEMU, root with /dev/net/tun (taps), and for the traffic test
 * dnsmasq and busybox on the host; without them the tests are skipped and
 * their titles say why (ZENITH_REQUIRE_QEMU=1 turns a missing part into a failure).
 */

import { execFile } from "node:child_process";
import { randomUUID } from "node:crypto";
import { constants } from "node:fs";
import { access, mkdtemp, readFile, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { delimiter, join } from "node:path";
import { promisify } from "node:util";
import { tapDeviceName } from "@zenith/agent-protocol/network";
import { createLogger } from "@zenith/core/logger";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { QemuDriver } from "../src/driver/qemu/driver.ts";
import type { FlavorInput, NetworkInterface, SpawnSpec } from "../src/driver/types.ts";
import { consoleShows, guestNics, runInGuest } from "./qemu/guest-shell.ts";
import {
  createTestNetwork,
  hostDeviceExists,
  namespaceExists,
  type TestNetwork,
} from "./qemu/test-network.ts";
import { ensureTinyImage, tinyImageSource } from "./qemu/tiny-image.ts";

const execFileAsync = promisify(execFile);
const TIMEOUT_MS = 180_000;
const BOOT_MS = 90_000;
const logger = createLogger("qemu-network-test", process.env.TEST_LOG_LEVEL ?? "silent");

async function onPath(name: string): Promise<boolean> {
  for (const dir of (process.env.PATH ?? "").split(delimiter)) {
    if (
      await access(join(dir, name), constants.X_OK).then(
        () => true,
        () => false,
      )
    )
      return true;
  }
  return false;
}

async function missingParts(): Promise<string[]> {
  const missing: string[] = [];
  for (const bin of ["qemu-system-x86_64", "qemu-img", "ip"]) if (!(await onPath(bin))) missing.push(bin);
  if (process.getuid?.() !== 0) missing.push("root (tap devices need CAP_NET_ADMIN)");
  if (
    !(await access("/dev/net/tun", constants.R_OK | constants.W_OK).then(
      () => true,
      () => false,
    ))
  )
    missing.push("/dev/net/tun");
  return missing;
}

const missing = await missingParts();
const trafficMissing = [...missing];
for (const bin of ["dnsmasq", "busybox"]) if (!(await onPath(bin))) trafficMissing.push(bin);
const requireAll = process.env.ZENITH_REQUIRE_QEMU === "1";

/** A NIC for a new port, its tap named as the control plane names it. */
function nic(mac: string, mtu = 1450): NetworkInterface & { device: string } {
  const portId = randomUUID();
  return { portId, macAddress: mac, mtu, device: tapDeviceName(portId) };
}

async function tapInfo(device: string): Promise<{ ifindex: string; mtu: string } | undefined> {
  try {
    await readFile(`/sys/class/net/${device}/tun_flags`, "utf8");
    const read = async (f: string) => (await readFile(`/sys/class/net/${device}/${f}`, "utf8")).trim();
    return { ifindex: await read("ifindex"), mtu: await read("mtu") };
  } catch {
    return undefined;
  }
}

async function waitForState<T>(
  what: string,
  probe: () => Promise<T | undefined>,
  timeoutMs: number,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 500));
  }
}

describe("qemu driver: guest networking", () => {
  if (missing.length > 0 && !requireAll) {
    it.skip(`skipped: this machine lacks ${missing.join(", ")}`, () => {});
    return;
  }

  const flavor: FlavorInput = { vcpus: 1, memoryMb: 128, rootGb: 1 };
  let driver: QemuDriver;
  let stateDir: string;
  let tiny: Awaited<ReturnType<typeof ensureTinyImage>>;
  const created = new Set<string>();
  const networks: TestNetwork[] = [];

  beforeAll(async () => {
    if (missing.length > 0) throw new Error(`missing: ${missing.join(", ")}`);
    tiny = await ensureTinyImage();
    stateDir = await mkdtemp(join(tmpdir(), "zqn-"));
    driver = new QemuDriver({
      stateDir,
      kvmProbe: { image: { kernel: tiny.kernel, initrd: tiny.ramdisk } },
      powerOffTimeoutS: 5,
      logger,
    });
    await driver.init();
  }, TIMEOUT_MS);

  // Guests first (their taps go with them), then the networks they were plugged into.
  afterEach(async () => {
    const guests = await Promise.allSettled([...created].map((uuid) => driver.destroy(uuid)));
    created.clear();
    const nets = await Promise.allSettled(networks.splice(0).map((net) => net.close()));
    const failed = [...guests, ...nets].find((r) => r.status === "rejected");
    if (failed?.status === "rejected") throw failed.reason;
  }, TIMEOUT_MS);

  afterAll(async () => {
    await driver?.close();
    if (stateDir) await rm(stateDir, { recursive: true, force: true });
  });

  function spec(networkInterfaces: NetworkInterface[], name = `net-${randomUUID().slice(0, 6)}`): SpawnSpec {
    const uuid = randomUUID();
    created.add(uuid);
    return { uuid, name, flavor, image: tinyImageSource(tiny), networkInterfaces };
  }

  it(
    "two ports: two taps named as asked with the port's MTU, two NICs with the ports' MACs in order; " +
      "a hard reboot keeps them (same taps); hot-plug → eth2; unplug → gone with its tap; destroy → no taps left",
    async () => {
      const a = nic("fa:16:3e:10:00:01");
      const b = nic("fa:16:3e:10:00:02", 1400);
      const s = spec([a, b]);
      await driver.spawn(s);
      const tapA = await tapInfo(a.device);
      const tapB = await tapInfo(b.device);
      expect(tapA?.mtu).toBe("1450");
      expect(tapB?.mtu).toBe("1400");
      await consoleShows(driver, s.uuid, /zenith-tiny ready/, BOOT_MS);
      await consoleShows(driver, s.uuid, new RegExp(`root@${s.name}:`), BOOT_MS);
      expect(await guestNics(driver, s.uuid)).toEqual({ eth0: a.macAddress, eth1: b.macAddress });
      // virtio host_mtu: the guest's NIC starts with the port's MTU.
      expect(await runInGuest(driver, s.uuid, "cat /sys/class/net/eth1/mtu")).toBe("1400");

      await driver.reboot(s.uuid, "HARD");
      await consoleShows(driver, s.uuid, /zenith-tiny ready[\s\S]*zenith-tiny ready/, BOOT_MS);
      await consoleShows(driver, s.uuid, new RegExp(`ready[\\s\\S]*ready[\\s\\S]*root@${s.name}:`), BOOT_MS);
      expect(await guestNics(driver, s.uuid)).toEqual({ eth0: a.macAddress, eth1: b.macAddress });
      // The very same devices: the network agent's wiring of them survived the restart of QEMU.
      expect(await tapInfo(a.device)).toEqual(tapA);
      expect(await tapInfo(b.device)).toEqual(tapB);

      const c = nic("fa:16:3e:10:00:03");
      await driver.attachInterface(s.uuid, c);
      expect((await tapInfo(c.device))?.mtu).toBe("1450");
      await waitForState(
        "the guest to see eth2",
        async () => ((await guestNics(driver, s.uuid)).eth2 === c.macAddress ? true : undefined),
        30_000,
      );
      expect(await guestNics(driver, s.uuid)).toEqual({
        eth0: a.macAddress,
        eth1: b.macAddress,
        eth2: c.macAddress,
      });

      await driver.detachInterface(s.uuid, c.portId);
      expect(await guestNics(driver, s.uuid)).toEqual({ eth0: a.macAddress, eth1: b.macAddress });
      expect(await tapInfo(c.device)).toBeUndefined();
      expect((await driver.getInfo(s.uuid)).interfaces.map((i) => i.portId)).toEqual([a.portId, b.portId]);

      await driver.destroy(s.uuid);
      created.delete(s.uuid);
      for (const device of [a.device, b.device, c.device]) expect(await hostDeviceExists(device)).toBe(false);
    },
    TIMEOUT_MS,
  );

  it(
    "NICs keep their PCI slots: after unplugging the first of three, suspend/resume restores the guest; " +
      "resize and rebuild restart it with the remaining NICs in order and the same taps",
    async () => {
      const [a, b, c] = [nic("fa:16:3e:40:00:01"), nic("fa:16:3e:40:00:02"), nic("fa:16:3e:40:00:03")];
      const s = spec([a, b, c]);
      await driver.spawn(s);
      await consoleShows(driver, s.uuid, new RegExp(`root@${s.name}:`), BOOT_MS);
      await driver.detachInterface(s.uuid, a.portId);
      expect(await guestNics(driver, s.uuid)).toEqual({ eth1: b.macAddress, eth2: c.macAddress });
      const taps = [await tapInfo(b.device), await tapInfo(c.device)];

      // The saved device state only loads into the very same layout of devices.
      await driver.suspend(s.uuid);
      await driver.resume(s.uuid);
      expect(await guestNics(driver, s.uuid)).toEqual({ eth1: b.macAddress, eth2: c.macAddress });

      await driver.resize(s.uuid, { vcpus: 1, memoryMb: 160, rootGb: 2 });
      await consoleShows(driver, s.uuid, /disk vda: 2048 MiB[\s\S]*root@/, BOOT_MS);
      expect(await guestNics(driver, s.uuid)).toEqual({ eth0: b.macAddress, eth1: c.macAddress });
      await driver.confirmResize(s.uuid);

      await driver.rebuild(s.uuid, tinyImageSource(tiny));
      await consoleShows(
        driver,
        s.uuid,
        /disk vda: 2048 MiB[\s\S]*ready[\s\S]*disk vda: 2048 MiB[\s\S]*root@/,
        BOOT_MS,
      );
      expect(await guestNics(driver, s.uuid)).toEqual({ eth0: b.macAddress, eth1: c.macAddress });
      expect([await tapInfo(b.device), await tapInfo(c.device)]).toEqual(taps);
      expect(await hostDeviceExists(a.device)).toBe(false);
    },
    2 * TIMEOUT_MS,
  );

  it(
    "a restarted driver adopts the guest's NICs; attaching a known port again changes nothing",
    async () => {
      const a = nic("fa:16:3e:20:00:01");
      const s = spec([a]);
      await driver.spawn(s);
      const tap = await tapInfo(a.device);
      await driver.close();
      await driver.init();
      expect((await driver.getInfo(s.uuid)).interfaces).toEqual([a]);
      // Attaching the same port again is a no-op (nothing plugged twice, the tap untouched).
      await driver.attachInterface(s.uuid, a);
      expect(await tapInfo(a.device)).toEqual(tap);
    },
    TIMEOUT_MS,
  );

  it(
    "the taps of a stopped guest that a host reboot removed are back when the driver starts, and it powers on",
    async () => {
      const a = nic("fa:16:3e:50:00:01");
      const s = spec([a]);
      await driver.spawn(s);
      await driver.powerOff(s.uuid, { timeoutS: 0 });
      await driver.close();
      // What a host reboot does to the taps.
      await execFileAsync("ip", ["link", "del", "dev", a.device]);
      expect(await tapInfo(a.device)).toBeUndefined();
      await driver.init();
      expect((await tapInfo(a.device))?.mtu).toBe("1450");
      await driver.powerOn(s.uuid);
      await consoleShows(driver, s.uuid, /zenith-tiny ready/, BOOT_MS);
    },
    TIMEOUT_MS,
  );

  const trafficTitle =
    "real traffic: DHCP from dnsmasq in a test namespace gives the guest its address, MTU and routes; " +
    "it reads the metadata service on 169.254.169.254 and takes its hostname from there";
  if (trafficMissing.length > missing.length && !requireAll) {
    it.skip(`${trafficTitle} (skipped: this machine lacks ${trafficMissing.slice(missing.length).join(", ")})`, () => {});
  } else {
    it(
      trafficTitle,
      async () => {
        const port = nic("fa:16:3e:30:00:01");
        const metaName = `meta-${randomUUID().slice(0, 8)}`;
        const uuid = randomUUID();
        const net = await createTestNetwork({
          mtu: 1450,
          leaseMtu: 1400,
          leases: [{ mac: port.macAddress, ip: "192.0.2.10", name: "lease-name" }],
          metadata: {
            uuid,
            name: "traffic-test",
            hostname: metaName,
            launch_index: 0,
            availability_zone: "nova",
            project_id: randomUUID().replaceAll("-", ""),
            public_keys: {
              alice: "ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIA alice@x",
              bob: "ssh-rsa AAAAB3Nza bob@y",
            },
            keys: [],
            meta: {},
          },
        });
        networks.push(net);
        const s = { ...spec([port], "traffic-test"), uuid };
        created.add(uuid);
        await driver.spawn(s);
        // What the network agent does with the port's tap.
        await net.plug(port.device);

        const log = await consoleShows(
          driver,
          uuid,
          new RegExp(`zenith-tiny metadata: hostname ${metaName}, 2 public keys`),
          BOOT_MS,
        );
        expect(log).toContain("zenith-tiny dhcp: eth0 192.0.2.10/24 mtu 1400");
        expect(net.dhcpLog()).toMatch(new RegExp(`DHCPACK\\(\\S+\\) 192\\.0\\.2\\.10 ${port.macAddress}`));
        await consoleShows(driver, uuid, /root@/, BOOT_MS);
        const out = await runInGuest(
          driver,
          uuid,
          "cat /sys/class/net/eth0/mtu; hostname; ip -4 route; ping -c 1 -W 5 192.0.2.1 >/dev/null && echo ping-ok; " +
            "grep metadata /run/zenith-report",
        );
        const lines = out.split("\n");
        expect(lines[0]).toBe("1400");
        expect(lines[1]).toBe(metaName);
        expect(out).toMatch(/^default via 192\.0\.2\.1 dev eth0/m);
        expect(out).toMatch(/^169\.254\.169\.254 via 192\.0\.2\.1 dev eth0/m);
        expect(out).toContain("ping-ok");
        expect(out).toContain(`zenith-tiny metadata: hostname ${metaName}, 2 public keys`);

        // Everything goes: the guest with its tap, then the namespace, bridge, veth, dnsmasq and httpd.
        await driver.destroy(uuid);
        created.delete(uuid);
        expect(await hostDeviceExists(port.device)).toBe(false);
        networks.splice(networks.indexOf(net), 1);
        await net.close();
        expect(await namespaceExists(net.namespace)).toBe(false);
        expect(await hostDeviceExists(net.bridge)).toBe(false);
      },
      TIMEOUT_MS,
    );
  }
});
