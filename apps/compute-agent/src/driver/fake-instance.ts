/**
 * One fake guest's record and the state changes every operation shares:
 * starting and stopping the guest "process", its clocks and its consoles.
 */
import type { Duplex } from "node:stream";
import { DriverError } from "./errors.ts";
import { bootLog, type FakeDisk } from "./fake-guest.ts";
import type { FakeLoad } from "./fake-meter.ts";
import {
  type Flavor,
  type InstanceInfo,
  type NetworkInterface,
  PowerState,
  powerStateName,
  type VolumeAttachment,
} from "./schemas.ts";
import type { DriverOperation } from "./types.ts";

const { NOSTATE, RUNNING, PAUSED, SHUTDOWN, CRASHED } = PowerState;

export interface FakeInstance {
  readonly uuid: string;
  readonly name: string;
  powerState: PowerState;
  flavor: Flavor;
  /** Undefined only while spawning. */
  disk: FakeDisk | undefined;
  /** The operation in flight, which excludes other state changes. */
  busy: DriverOperation | undefined;
  consoleLog: string;
  /** When the guest process last started; undefined when it has none (shut down, suspended, crashed). */
  startedAt: number | undefined;
  /** When the vCPUs last started running; undefined when not RUNNING. */
  runningSince: number | undefined;
  cpuMsBefore: number;
  volumes: Map<string, VolumeAttachment>;
  interfaces: Map<string, NetworkInterface>;
  preResize: Flavor | undefined;
  consoles: Set<Duplex>;
  /** The metering load its metadata chose; undefined: drawn from its uuid. */
  load: FakeLoad | undefined;
}

/** How long the vCPUs have run since the guest process started (pauses excluded), ms. */
export function runningMs(inst: FakeInstance, now: number): number {
  return inst.cpuMsBefore + (inst.runningSince === undefined ? 0 : now - inst.runningSince);
}

export function instanceInfo(inst: FakeInstance, now: number): InstanceInfo {
  const cpuMs = runningMs(inst, now);
  return {
    uuid: inst.uuid,
    powerState: inst.powerState,
    vcpus: inst.flavor.vcpus,
    memoryMb: inst.flavor.memoryMb,
    // An idle fake guest uses a tenth of one vCPU.
    cpuTimeMs: Math.floor(cpuMs / 10),
    uptimeS: inst.startedAt === undefined ? null : Math.floor((now - inst.startedAt) / 1000),
    volumes: [...inst.volumes.values()].map((v) => ({ ...v })),
    interfaces: [...inst.interfaces.values()].map((v) => ({ ...v })),
    resizePending: inst.preResize !== undefined,
  };
}

/** A fresh guest process (spawn, power-on, reboot, resume): counters restart. */
export function startGuest(inst: FakeInstance, now: number): void {
  inst.startedAt = now;
  inst.runningSince = now;
  inst.cpuMsBefore = 0;
  inst.powerState = RUNNING;
}

/** A fresh process that boots the guest, so the console shows a boot log. */
export function bootGuest(inst: FakeInstance, now: number): void {
  startGuest(inst, now);
  inst.consoleLog += bootLog(inst.uuid, inst.name, inst.interfaces.values());
}

/** The vCPUs stop; the process (and its uptime) stays. */
export function pauseGuest(inst: FakeInstance, now: number): void {
  inst.cpuMsBefore += now - (inst.runningSince ?? now);
  inst.runningSince = undefined;
  inst.powerState = PAUSED;
}

export function unpauseGuest(inst: FakeInstance, now: number): void {
  inst.runningSince = now;
  inst.powerState = RUNNING;
}

/** The guest process goes away: consoles close, counters stop. */
export function haltGuest(inst: FakeInstance, to: PowerState, logLine: string): void {
  inst.consoleLog += logLine;
  inst.startedAt = undefined;
  inst.runningSince = undefined;
  inst.cpuMsBefore = 0;
  inst.powerState = to;
  closeConsoles(inst);
}

export function newInstance(uuid: string, name: string, flavor: Flavor, load?: FakeLoad): FakeInstance {
  return {
    uuid,
    name,
    powerState: NOSTATE,
    flavor,
    disk: undefined,
    busy: undefined,
    consoleLog: "",
    startedAt: undefined,
    runningSince: undefined,
    cpuMsBefore: 0,
    volumes: new Map(),
    interfaces: new Map(),
    preResize: undefined,
    consoles: new Set(),
    load,
  };
}

export function requireState(inst: FakeInstance, what: string, allowed: readonly PowerState[]): void {
  if (!allowed.includes(inst.powerState)) {
    throw new DriverError(
      "InvalidState",
      `cannot ${what} instance ${inst.uuid} in ${powerStateName(inst.powerState)}`,
      { uuid: inst.uuid },
    );
  }
}

export function requireNoResize(inst: FakeInstance, what: string): void {
  if (inst.preResize !== undefined) {
    throw new DriverError(
      "InvalidState",
      `cannot ${what} instance ${inst.uuid}: a resize awaits confirmation`,
      { uuid: inst.uuid },
    );
  }
}

export function requireAttachable(inst: FakeInstance, what: string): void {
  requireState(inst, what, [RUNNING, PAUSED, SHUTDOWN, CRASHED]);
}

export function diskOf(inst: FakeInstance): FakeDisk {
  if (inst.disk === undefined) throw new DriverError("InvalidState", `instance ${inst.uuid} has no disk yet`);
  return inst.disk;
}

export function takenDevices(inst: FakeInstance): string[] {
  const taken = ["/dev/vda"];
  if (inst.flavor.ephemeralGb > 0) taken.push("/dev/vdb");
  if (inst.flavor.swapMb > 0) taken.push(inst.flavor.ephemeralGb > 0 ? "/dev/vdc" : "/dev/vdb");
  for (const v of inst.volumes.values()) taken.push(v.device);
  return taken;
}

export function closeConsoles(inst: FakeInstance): void {
  for (const stream of inst.consoles) stream.end();
  inst.consoles.clear();
}
