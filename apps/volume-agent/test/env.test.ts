/** The volume agent's environment and driver choice: defaults, the storage folder, and `auto` saying why it falls back. */
import { hostname } from "node:os";
import { resolve } from "node:path";
import { describe, expect, it } from "vitest";
import { chooseDriver, probeQemuTools } from "../src/driver-choice.ts";
import { storageDirOf, ZVolumeAgentEnv } from "../src/env.ts";

describe("volume agent env", () => {
  it("defaults to this machine's name, auto, loopback exports and <data>/volumes/<host>", () => {
    const env = ZVolumeAgentEnv.parse({ ZENITH_DATA_DIR: "/srv/zenith" });
    expect(env.ZENITH_VOLUME_HOST).toBe(hostname());
    expect(env.ZENITH_VOLUME_DRIVER).toBe("auto");
    expect(env.ZENITH_VOLUME_EXPORT_ADDRESS).toBe("127.0.0.1");
    expect(env.ZENITH_VOLUME_AZ).toBe("nova");
    expect(env.ZENITH_VOLUME_RESYNC_S).toBe(60);
    expect(env.ZENITH_METERING_INTERVAL_MS).toBe(10_000);
    expect(ZVolumeAgentEnv.parse({ ZENITH_METERING_INTERVAL_MS: "250" }).ZENITH_METERING_INTERVAL_MS).toBe(
      250,
    );
    expect(storageDirOf(env)).toBe(`/srv/zenith/volumes/${hostname()}`);
    expect(storageDirOf(ZVolumeAgentEnv.parse({ ZENITH_VOLUME_DIR: "rel/vols" }))).toBe(resolve("rel/vols"));
  });

  it("refuses an unknown driver and a zero resync period", () => {
    expect(() => ZVolumeAgentEnv.parse({ ZENITH_VOLUME_DRIVER: "lvm" })).toThrow();
    expect(() => ZVolumeAgentEnv.parse({ ZENITH_VOLUME_RESYNC_S: "0" })).toThrow();
    // Faster than 10 reads a second would only load the host.
    expect(() => ZVolumeAgentEnv.parse({ ZENITH_METERING_INTERVAL_MS: "5" })).toThrow();
  });

  it("auto is file only when the tools really run, else fake with the reason", async () => {
    const reasons: string[] = [];
    const missing = await probeQemuTools(["zenith-no-such-qemu-tool"]);
    expect(missing).toMatchObject({ ok: false, reason: expect.stringContaining("zenith-no-such-qemu-tool") });
    expect(
      await chooseDriver(
        "auto",
        (r) => reasons.push(r),
        async () => missing,
      ),
    ).toBe("fake");
    expect(reasons).toHaveLength(1);
    expect(
      await chooseDriver(
        "auto",
        (r) => reasons.push(r),
        async () => ({ ok: true }),
      ),
    ).toBe("file");
    expect(
      await chooseDriver(
        "fake",
        (r) => reasons.push(r),
        async () => ({ ok: true }),
      ),
    ).toBe("fake");
    expect(reasons).toHaveLength(1);
  });
});
