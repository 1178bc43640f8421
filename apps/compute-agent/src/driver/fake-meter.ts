/**
 * Synthetic metering for fake guests: plausible series that demos and tests
 * can rely on. Each guest gets a load profile from a hash of its uuid (one
 * in four is busy: CPU near all of its vCPUs; the others idle at a few
 * percent of one), and every rate wanders around its level as a sum of
 * sines of different periods (minutes to hours, plus a short one as noise).
 *
 * Counters are closed-form integrals of those rates over the guest's
 * running time (vCPUs running since its process started, the fake driver's
 * clock): the same instant always reads the same values, a counter only
 * grows while the guest runs, stands still while it is paused and restarts
 * from 0 with a new process, as QEMU's do.
 */
import { createHash } from "node:crypto";
import type { DiskCounters, NicCounters } from "./counters.ts";

/** A rate that wanders: `level × (1 + Σ amplitude·sin(2πt/period + phase))`, never below 0. */
interface Wave {
  level: number;
  terms: Array<{ amplitude: number; periodS: number; phase: number }>;
}

/** A reproducible stream of numbers in [0, 1) for one subject (a guest, a guest's disk or NIC). */
function randomOf(subject: string): () => number {
  let counter = 0;
  return () => {
    const digest = createHash("sha256").update(`${subject}#${counter++}`).digest();
    return digest.readUInt32BE(0) / 2 ** 32;
  };
}

/** Periods: 37 s (noise), ~5 min, ~40 min, ~3 h. Amplitudes scaled so they sum to `spread` (< 1). */
function wave(level: number, spread: number, random: () => number): Wave {
  const periods = [37, 280 + 60 * random(), 2400 + 600 * random(), 10_800 + 3600 * random()];
  const weights = periods.map(() => 0.5 + random());
  const sum = weights.reduce((a, b) => a + b, 0);
  return {
    level,
    terms: periods.map((periodS, i) => ({
      amplitude: (spread * (weights[i] ?? 0)) / sum,
      periodS,
      phase: 2 * Math.PI * random(),
    })),
  };
}

/** The rate at running time `t` seconds. */
export function rateAt(w: Wave, t: number): number {
  let factor = 1;
  for (const { amplitude, periodS, phase } of w.terms) {
    factor += amplitude * Math.sin((2 * Math.PI * t) / periodS + phase);
  }
  return w.level * factor;
}

/** ∫₀ᵗ rate: grows with t because the rate is positive (amplitudes sum below 1). */
export function integralTo(w: Wave, t: number): number {
  let sum = t;
  for (const { amplitude, periodS, phase } of w.terms) {
    const omega = (2 * Math.PI) / periodS;
    sum += (amplitude / omega) * (Math.cos(phase) - Math.cos(omega * t + phase));
  }
  return w.level * sum;
}

export interface LoadProfile {
  busy: boolean;
  /** Share of all the guest's vCPUs in use (busy ≈ 0.92, idle a few % of one vCPU). */
  cpu: Wave;
  /** Share of the flavor's memory in use. */
  memory: Wave;
}

/**
 * Server metadata the fake driver reads to choose a guest's load instead of
 * its uuid's hash (`busy` or `idle`), so a demo or an end-to-end test can
 * have a busy guest on purpose.
 */
export const FAKE_LOAD_METADATA_KEY = "zenith_fake_load";
export type FakeLoad = "busy" | "idle";

export function fakeLoadOf(metadata: Readonly<Record<string, string>>): FakeLoad | undefined {
  const value = metadata[FAKE_LOAD_METADATA_KEY];
  return value === "busy" || value === "idle" ? value : undefined;
}

/** The guest's load, fixed by its uuid (or by `load` when its metadata chose one). */
export function loadProfile(uuid: string, vcpus: number, load?: FakeLoad): LoadProfile {
  const random = randomOf(`load:${uuid}`);
  const drawn = random() < 0.25;
  const busy = load === undefined ? drawn : load === "busy";
  // Busy: 88–94 % of every vCPU, ±6 % (never above 100 %); idle: 2–8 % of one vCPU, ±50 %.
  const cpu = busy
    ? wave(0.88 + 0.06 * random(), 0.06, random)
    : wave((0.02 + 0.06 * random()) / vcpus, 0.5, random);
  const memory = wave(busy ? 0.6 + 0.25 * random() : 0.2 + 0.3 * random(), 0.15, random);
  return { busy, cpu, memory };
}

/** CPU time of the guest's process after `runningS` seconds of running vCPUs, ns. */
export function fakeCpuNs(profile: LoadProfile, vcpus: number, runningS: number): number {
  return Math.round(vcpus * 1e9 * integralTo(profile.cpu, runningS));
}

/** vCPUs in use right now (for the host's CPU use). */
export function fakeCpuRate(profile: LoadProfile, vcpus: number, runningS: number): number {
  return vcpus * rateAt(profile.cpu, runningS);
}

export function fakeMemoryMb(profile: LoadProfile, memoryMb: number, runningS: number): number {
  return Math.min(memoryMb, Math.round(memoryMb * rateAt(profile.memory, runningS)));
}

const KiB = 1024;

/** A disk's counters: reads 20–200 KiB/s, writes 10–100 KiB/s (busy guests ×20), 16 and 8 KiB per request. */
export function fakeDiskCounters(
  uuid: string,
  device: string,
  busy: boolean,
  runningS: number,
): DiskCounters {
  const random = randomOf(`disk:${uuid}:${device}`);
  const scale = busy ? 20 : 1;
  const read = wave(scale * KiB * (20 + 180 * random()), 0.7, random);
  const write = wave(scale * KiB * (10 + 90 * random()), 0.7, random);
  const readBytes = Math.floor(integralTo(read, runningS));
  const writeBytes = Math.floor(integralTo(write, runningS));
  return {
    device,
    readBytes,
    writeBytes,
    readRequests: Math.floor(readBytes / (16 * KiB)),
    writeRequests: Math.floor(writeBytes / (8 * KiB)),
  };
}

/** A NIC's counters in the guest's direction: 1–50 KiB/s each way (busy ×20), ~800 B per packet in, ~400 out. */
export function fakeNicCounters(uuid: string, tap: string, busy: boolean, runningS: number): NicCounters {
  const random = randomOf(`nic:${uuid}:${tap}`);
  const scale = busy ? 20 : 1;
  const incoming = wave(scale * KiB * (1 + 49 * random()), 0.8, random);
  const outgoing = wave(scale * KiB * (1 + 49 * random()), 0.8, random);
  const incomingBytes = Math.floor(integralTo(incoming, runningS));
  const outgoingBytes = Math.floor(integralTo(outgoing, runningS));
  return {
    tap,
    incomingBytes,
    outgoingBytes,
    incomingPackets: Math.floor(incomingBytes / 800),
    outgoingPackets: Math.floor(outgoingBytes / 400),
  };
}
