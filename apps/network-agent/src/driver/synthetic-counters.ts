/**
 * Traffic the fake driver reports for its simulated routers and floating
 * IPs: a byte counter per resource and direction that only grows, at a
 * rate of its own that rises and falls over minutes (so charts look like
 * traffic), and is the same function of time for the same key in every run.
 */
import { createHash } from "node:crypto";

const MIN_RATE = 2_000; // bytes/s
const MAX_RATE = 200_000;
const MIN_PERIOD_S = 120;
const MAX_PERIOD_S = 600;
/** How far the rate swings around its mean; below 1, so the counter never stalls or falls. */
const SWING = 0.8;

function unit(key: string, salt: string): number {
  return createHash("sha256").update(`${salt}:${key}`).digest().readUInt32BE(0) / 0x1_0000_0000;
}

/** Bytes counted `elapsedMs` after the resource appeared: rate·t plus a wave whose slope never outweighs it. */
export function syntheticBytes(key: string, elapsedMs: number): number {
  const t = Math.max(0, elapsedMs) / 1000;
  const rate = MIN_RATE + unit(key, "rate") * (MAX_RATE - MIN_RATE);
  const period = MIN_PERIOD_S + unit(key, "period") * (MAX_PERIOD_S - MIN_PERIOD_S);
  const omega = (2 * Math.PI) / period;
  // d/dt = rate·(1 + SWING·sin(ωt)) ≥ rate·(1 − SWING) > 0.
  return Math.floor(rate * t + ((SWING * rate) / omega) * (1 - Math.cos(omega * t)));
}
