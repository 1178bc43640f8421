/**
 * The metering parsers on real-shaped input: /proc files as this machine's
 * kernel writes them (`fixtures/proc-*`) and QEMU 7.2's own answer to
 * `query-blockstats` for a guest with a local root disk and one volume
 * (`fixtures/query-blockstats.json`, captured from QEMU with the driver's
 * device ids; its counters set to known values).
 */
import { readFile } from "node:fs/promises";
import { describe, expect, it } from "vitest";
import { balloonUsedMb, deviceIdOfQdev, parseBlockstats } from "../src/driver/qemu/blockstats.ts";
import {
  clockTicksPerSecond,
  cpuUtilPercent,
  parseMeminfo,
  parsePidStat,
  parseProcStat,
  parseVmRss,
} from "../src/driver/qemu/procfs.ts";

const fixture = (name: string) => readFile(new URL(`./fixtures/${name}`, import.meta.url), "utf8");

describe("/proc parsers", () => {
  it("pid stat: utime and stime, also when the command name holds spaces and parentheses", async () => {
    expect(parsePidStat(await fixture("proc-pid-stat.txt"))).toEqual({ utime: 4217, stime: 1303 });
    const tricky =
      "77 (qemu (guest) x) S 1 77 77 0 -1 4194304 99 0 0 0 31 7 0 0 20 0 1 0 5713513 3133440 389";
    expect(parsePidStat(tricky)).toEqual({ utime: 31, stime: 7 });
    expect(parsePidStat("77 (cut short) S 1 77")).toBeUndefined();
    expect(parsePidStat("")).toBeUndefined();
  });

  it("status: VmRSS in bytes; a kernel thread without it → undefined", async () => {
    const text = await fixture("proc-pid-status.txt");
    const kb = Number(/^VmRSS:\s+(\d+) kB$/m.exec(text)?.[1]);
    expect(kb).toBeGreaterThan(0);
    expect(parseVmRss(text)).toBe(kb * 1024);
    expect(parseVmRss("Name:\tkthreadd\nState:\tS (sleeping)\n")).toBeUndefined();
  });

  it("meminfo: MemTotal and MemAvailable in bytes", async () => {
    const text = await fixture("proc-meminfo.txt");
    const info = parseMeminfo(text);
    expect(info?.totalBytes).toBe(24683772 * 1024);
    expect(info?.availableBytes).toBe(23805104 * 1024);
    expect(parseMeminfo("MemTotal: 1 kB\n")).toBeUndefined();
  });

  it("stat: the aggregate cpu line; use between two readings", async () => {
    const before = parseProcStat(await fixture("proc-stat.txt"));
    // user nice system idle iowait irq softirq steal (guest is inside user already)
    expect(before).toEqual({
      total: 6524616 + 59317 + 1198717 + 3518995 + 24728 + 0 + 16714 + 10145,
      idle: 3518995 + 24728,
    });
    if (before === undefined) throw new Error("unreachable");
    // 200 ticks later: 150 busy, 50 idle → 75 %.
    const after = { total: before.total + 200, idle: before.idle + 50 };
    expect(cpuUtilPercent(before, after)).toBe(75);
    expect(cpuUtilPercent(before, before)).toBeUndefined();
    expect(parseProcStat("intr 1 2 3\n")).toBeUndefined();
  });

  it("CLK_TCK comes from getconf (100 on Linux)", async () => {
    expect(await clockTicksPerSecond()).toBe(100);
  });
});

describe("QMP query-blockstats", () => {
  it("maps each device id to the guest's disk and reads its counters", async () => {
    const answer: unknown = JSON.parse(await fixture("query-blockstats.json"));
    const devices = new Map([
      ["root", "vda"],
      ["volabc", "vdb"],
    ]);
    expect(parseBlockstats(answer, (id) => devices.get(id))).toEqual([
      { device: "vda", readBytes: 9437184, writeBytes: 1052672, readRequests: 571, writeRequests: 97 },
      { device: "vdb", readBytes: 65536, writeBytes: 4096, readRequests: 4, writeRequests: 1 },
    ]);
    // A device the driver does not know (none expected) is left out, not guessed.
    expect(parseBlockstats(answer, (id) => (id === "root" ? "vda" : undefined)).map((d) => d.device)).toEqual(
      ["vda"],
    );
    expect(() => parseBlockstats({ not: "a list" }, () => "vda")).toThrow();
  });

  it("QOM paths: the device id, or nothing for a device QEMU made itself", () => {
    expect(deviceIdOfQdev("/machine/peripheral/root/virtio-backend")).toBe("root");
    expect(deviceIdOfQdev("/machine/peripheral/vol0123/virtio-backend")).toBe("vol0123");
    expect(deviceIdOfQdev("/machine/peripheral-anon/device[0]/virtio-backend")).toBeUndefined();
  });

  it("balloon guest-stats: total − available (else free) in MB; unreported (-1) → undefined", () => {
    const stats = (s: Record<string, number>) => ({ stats: s, "last-update": 1 });
    const MiB = 1024 ** 2;
    expect(
      balloonUsedMb(
        stats({
          "stat-total-memory": 512 * MiB,
          "stat-available-memory": 400 * MiB,
          "stat-free-memory": 300 * MiB,
        }),
      ),
    ).toBe(112);
    expect(
      balloonUsedMb(
        stats({ "stat-total-memory": 512 * MiB, "stat-available-memory": -1, "stat-free-memory": 312 * MiB }),
      ),
    ).toBe(200);
    expect(balloonUsedMb(stats({ "stat-total-memory": -1, "stat-free-memory": -1 }))).toBeUndefined();
    expect(balloonUsedMb(undefined)).toBeUndefined();
  });
});
