// What the portal is told about simulation, as environment for apps/web
// (src/env.ts reads it; the portal layout shows a note on every page):
// instances are simulated where no QEMU host runs, and networking is
// simulated where the network agents run the fake driver by choice or for
// lack of rights (chooseNetworkDriver's fakeReason; null: no note).

/**
 * @param {{
 *   qemuHosts: number,
 *   simulatedReason: "chosen" | "no-qemu" | "no-image",
 *   networkDriver: "fake" | "linux",
 *   networkFakeReason: "chosen" | "no-privilege" | null,
 * }} stack
 * @returns {Record<string, string>}
 */
export function portalSimulationEnv({ qemuHosts, simulatedReason, networkDriver, networkFakeReason }) {
  return {
    ZENITH_SIMULATED_COMPUTE: qemuHosts > 0 ? "false" : "true",
    ZENITH_SIMULATED_REASON: simulatedReason,
    ...(networkDriver === "fake" && networkFakeReason
      ? { ZENITH_SIMULATED_NETWORK: "true", ZENITH_SIMULATED_NETWORK_REASON: networkFakeReason }
      : {}),
  };
}
