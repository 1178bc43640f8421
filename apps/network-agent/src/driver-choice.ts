/**
 * Which driver `ZENITH_NETWORK_DRIVER` means here: `auto` is linux only
 * when the process proves it can change networking, else fake (and says
 * why, so an operator sees that guests will not get real networking).
 */
import { type ProbeResult, probeLinuxNetworking } from "./driver/linux/probe.ts";
import type { DriverKind } from "./driver/types.ts";

export async function chooseDriver(
  requested: "fake" | "linux" | "auto",
  /** Told why `auto` fell back to fake. */
  onFallback: (reason: string) => void,
  probe: () => Promise<ProbeResult> = probeLinuxNetworking,
): Promise<DriverKind> {
  if (requested !== "auto") return requested;
  const result = await probe();
  if (result.ok) return "linux";
  onFallback(result.reason);
  return "fake";
}
