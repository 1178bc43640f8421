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

const ZNotesModule = z.object({
  portalSimulationEnv: z.custom<(stack: unknown) => unknown>((v) => typeof v === "function"),
});
// What apps/web/src/env.ts accepts for the network note (its enum; anything else fails the portal's start).
const ZPortalEnv = z.object({
  ZENITH_SIMULATED_NETWORK: z.enum(["true", "false"]).optional(),
  ZENITH_SIMULATED_NETWORK_REASON: z.enum(["chosen", "no-privilege"]).optional(),
});
/** The portal's environment for a stack whose only host runs real guests, given the network choice. */
const portalEnvFor = async (choice: z.infer<typeof ZChoice>) => {
  const { portalSimulationEnv } = ZNotesModule.parse(
    await import(join(repoRoot, "scripts/lib/portal-notes.mjs")),
  );
  return ZPortalEnv.parse(
    portalSimulationEnv({
      qemuHosts: 1,
      simulatedReason: "no-qemu",
      networkDriver: choice.driver,
      networkFakeReason: choice.fakeReason,
    }),
  );
};

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
    expect(await portalEnvFor(ZChoice.parse(chooseNetworkDriver("fake", deps)))).toEqual({
      ZENITH_SIMULATED_NETWORK: "true",
      ZENITH_SIMULATED_NETWORK_REASON: "chosen",
    });
  });

  it("auto is linux where networking can be changed, and fake with the probe's reason elsewhere, which the portal is told", async () => {
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
    // The portal says so (no rights), and says nothing where networking is real.
    expect(await portalEnvFor(ZChoice.parse(chooseNetworkDriver("auto", refused)))).toEqual({
      ZENITH_SIMULATED_NETWORK: "true",
      ZENITH_SIMULATED_NETWORK_REASON: "no-privilege",
    });
    expect(await portalEnvFor(ZChoice.parse(chooseNetworkDriver("auto", allowed)))).toEqual({});
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
