/**
 * `npm start`'s network driver choice (scripts/lib/network-driver.mjs): the
 * probe's answer is a stand-in here, except in the last test, which runs
 * the real one (the network agent's probe, in a child process) and only
 * checks that it answers in shape, since this machine may or may not allow
 * changing networking.
 */
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { z } from "zod";

const repoRoot = fileURLToPath(new URL("../../../", import.meta.url));

const ZProbe = z.union([
  z.object({ ok: z.literal(true) }),
  z.object({ ok: z.literal(false), reason: z.string() }),
]);
const ZChoice = z.object({
  driver: z.enum(["fake", "linux"]),
  fakeReason: z.enum(["chosen", "no-privilege"]).nullable(),
  detail: z.string().nullable(),
});
type Deps = { probeNetworking: () => z.infer<typeof ZProbe> };
// The module is plain JavaScript: its exports are checked at this edge, then its results.
const ZModule = z.object({
  chooseNetworkDriver: z.custom<(setting: string, deps: Deps) => unknown>((v) => typeof v === "function"),
  probeNetworking: z.custom<() => unknown>((v) => typeof v === "function"),
});
const load = async () => ZModule.parse(await import(join(repoRoot, "scripts/lib/network-driver.mjs")));

const allowed: Deps = { probeNetworking: () => ({ ok: true }) };
const refused: Deps = { probeNetworking: () => ({ ok: false, reason: "cannot create a network namespace" }) };

describe("ZENITH_NETWORK_DRIVER for npm start", () => {
  it("fake is chosen without probing, and the portal is told it was chosen", async () => {
    const { chooseNetworkDriver } = await load();
    const probed: string[] = [];
    const deps: Deps = {
      probeNetworking: () => {
        probed.push("probe");
        return { ok: true };
      },
    };
    expect(ZChoice.parse(chooseNetworkDriver("fake", deps))).toEqual({
      driver: "fake",
      fakeReason: "chosen",
      detail: null,
    });
    expect(probed).toEqual([]);
  });

  it("auto is linux where networking can be changed, and fake with the probe's reason elsewhere", async () => {
    const { chooseNetworkDriver } = await load();
    expect(ZChoice.parse(chooseNetworkDriver("auto", allowed))).toEqual({
      driver: "linux",
      fakeReason: null,
      detail: null,
    });
    expect(ZChoice.parse(chooseNetworkDriver("auto", refused))).toEqual({
      driver: "fake",
      fakeReason: "no-privilege",
      detail: "cannot create a network namespace",
    });
  });

  it("linux where networking cannot be changed, or an unknown setting, stops npm start with the reason", async () => {
    const { chooseNetworkDriver } = await load();
    expect(ZChoice.parse(chooseNetworkDriver("linux", allowed)).driver).toBe("linux");
    expect(() => chooseNetworkDriver("linux", refused)).toThrow(
      /cannot change networking \(cannot create a network namespace\)/,
    );
    expect(() => chooseNetworkDriver("ovs", allowed)).toThrow(/must be one of fake, linux, auto/);
  });

  it("the real probe answers in shape on this machine", async () => {
    const { probeNetworking } = await load();
    expect(ZProbe.safeParse(probeNetworking()).success).toBe(true);
  });
});
