/**
 * `npm start`'s compute driver choice (scripts/lib/stack.mjs), whatever
 * this machine has installed: QEMU's presence and zenith-tiny's build are
 * stand-ins here, and `ZENITH_COMPUTE_DRIVER=qemu` on a machine without QEMU
 * is tried for real through scripts/start.mjs with a PATH that hides QEMU.
 */
import { spawn } from "node:child_process";
import { mkdtemp, rm, symlink } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { z } from "zod";

const repoRoot = fileURLToPath(new URL("../../../", import.meta.url));

const choiceSchema = z.object({
  driver: z.enum(["fake", "qemu"]),
  tinyImageDir: z.string().nullable(),
  simulatedReason: z.enum(["chosen", "no-qemu", "no-image"]).nullable(),
});
type Deps = { qemuInstalled: () => boolean; buildTinyImage: () => string | null };
type Choose = (setting: string, deps: Deps) => unknown;
// The module is plain JavaScript: its export is checked at this edge, then its result.
const stackModule = z.object({
  chooseComputeDriver: z.custom<Choose>((v) => typeof v === "function"),
});

async function choose(setting: string, deps: Deps): Promise<z.infer<typeof choiceSchema>> {
  const { chooseComputeDriver } = stackModule.parse(await import(join(repoRoot, "scripts/lib/stack.mjs")));
  return choiceSchema.parse(chooseComputeDriver(setting, deps));
}

const withQemu: Deps = { qemuInstalled: () => true, buildTinyImage: () => "/tiny" };
const withoutQemu: Deps = {
  qemuInstalled: () => false,
  buildTinyImage: () => {
    throw new Error("must not build zenith-tiny without QEMU");
  },
};

describe("ZENITH_COMPUTE_DRIVER for npm start", () => {
  it("fake simulates instances even where QEMU is installed, and says it was chosen", async () => {
    const built: string[] = [];
    const deps = {
      qemuInstalled: () => true,
      buildTinyImage: () => {
        built.push("tiny");
        return "/tiny";
      },
    };
    expect(await choose("fake", deps)).toEqual({
      driver: "fake",
      tinyImageDir: null,
      simulatedReason: "chosen",
    });
    expect(built).toEqual([]);
  });

  it("auto runs real guests where QEMU is installed and zenith-tiny builds", async () => {
    expect(await choose("auto", withQemu)).toEqual({
      driver: "qemu",
      tinyImageDir: "/tiny",
      simulatedReason: null,
    });
  });

  it("auto simulates where QEMU is missing or zenith-tiny does not build, saying which", async () => {
    expect(await choose("auto", withoutQemu)).toMatchObject({ driver: "fake", simulatedReason: "no-qemu" });
    const noImage = { qemuInstalled: () => true, buildTinyImage: () => null };
    expect(await choose("auto", noImage)).toMatchObject({ driver: "fake", simulatedReason: "no-image" });
  });

  it("qemu runs real guests, and refuses to fall back to simulated ones", async () => {
    expect(await choose("qemu", withQemu)).toMatchObject({ driver: "qemu", tinyImageDir: "/tiny" });
    await expect(choose("qemu", withoutQemu)).rejects.toThrow(/QEMU is not installed.*apt-get install/);
    const noImage = { qemuInstalled: () => true, buildTinyImage: () => null };
    await expect(choose("qemu", noImage)).rejects.toThrow(/zenith-tiny guest image could not be built/);
  });

  it("an unknown value is refused, naming the allowed ones", async () => {
    await expect(choose("kvm", withQemu)).rejects.toThrow(/must be one of fake, qemu, auto/);
  });

  it("npm start with ZENITH_COMPUTE_DRIVER=qemu where QEMU is missing exits 1 at once, saying what to install", async () => {
    // A PATH with only node and sh: QEMU is invisible even on a machine that has it.
    const bin = await mkdtemp(join(tmpdir(), "zenith-noqemu-"));
    const dataDir = await mkdtemp(join(tmpdir(), "zenith-noqemu-data-"));
    let group: number | undefined;
    try {
      await symlink(process.execPath, join(bin, "node"));
      await symlink("/bin/sh", join(bin, "sh"));
      const child = spawn(process.execPath, [join(repoRoot, "scripts/start.mjs")], {
        env: { PATH: bin, HOME: dataDir, ZENITH_DATA_DIR: dataDir, ZENITH_COMPUTE_DRIVER: "qemu" },
        stdio: ["ignore", "pipe", "pipe"],
        // A group of its own: if it wrongly starts services, the finally below ends all of them.
        detached: true,
      });
      group = child.pid;
      let stderr = "";
      child.stderr.setEncoding("utf8").on("data", (s: string) => {
        stderr += s;
      });
      const code = await new Promise<number | null>((resolve) => child.once("close", resolve));
      expect(code).toBe(1);
      expect(stderr).toMatch(
        /Zenith failed to start: ZENITH_COMPUTE_DRIVER=qemu but QEMU is not installed .*apt-get install -y qemu-system-x86 qemu-utils/,
      );
    } finally {
      if (group !== undefined) {
        try {
          process.kill(-group, "SIGKILL");
        } catch {
          // Already gone: the expected case.
        }
      }
      await rm(bin, { recursive: true, force: true });
      await rm(dataDir, { recursive: true, force: true });
    }
  }, 60_000);
});
