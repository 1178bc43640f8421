/**
 * Converges the host towards the last desired state: one keyed worker per
 * network, port, DHCP server and router; a pass on every desired message,
 * periodically (drift repair: a bridge deleted by hand comes back) and,
 * for ports whose tap has not appeared yet, every second until it does.
 * Everything it hands to the driver is recorded first (state store under
 * `<data>/network/<host>/`), so what is no longer desired is removed
 * exactly, also after a restart; on start it converges in place towards
 * the last desired state, which touches nothing that is already right.
 */
import { join } from "node:path";
import type {
  AppliedState,
  NetworkAgentMessage,
  NetworkDesired,
  NetworkSpec,
  RouterSpec,
} from "@zenith/agent-protocol/network";
import { StateStore } from "@zenith/agent-runtime/state-store";
import { KeyedWorkers } from "@zenith/agent-runtime/workers";
import type { Logger } from "@zenith/core/logger";
import type { NetworkDriver } from "./driver/types.ts";
import {
  type AgentRecord,
  type DhcpRecord,
  freeSlot,
  type NetworkRecord,
  type PortRecord,
  type RecordKind,
  type RouterRecord,
  recordKey,
  splitKey,
  ZRecord,
} from "./records.ts";

export interface ReconcilerOptions {
  driver: NetworkDriver;
  /** Holds `state.json`. */
  stateDir: string;
  /** Hands a message to the connection (dropped while disconnected: the next hello carries the state). */
  send: (msg: NetworkAgentMessage) => void;
  logger: Logger;
  /** Passes at the same time. Default 8. */
  concurrency?: number;
  /** Full re-check period. Default 15 s. */
  resyncMs?: number;
  /** How often ports whose device is absent are looked at again. Default 1 s. */
  absentPollMs?: number;
}

function routerNetworks(d: RouterSpec): string[] {
  const ids = d.interfaces.map((i) => i.networkId);
  if (d.gateway !== null) ids.push(d.gateway.networkId);
  return [...new Set(ids)];
}

const errorText = (err: unknown): string => (err instanceof Error ? err.message : String(err)).slice(0, 1024);

export class Reconciler {
  private records = new Map<string, AgentRecord>();
  private readonly errors = new Map<string, string>();
  private readonly workers: KeyedWorkers;
  private readonly store: StateStore<AgentRecord>;
  private readonly log: Logger;
  private inbox: Promise<void> = Promise.resolve();
  private lastReport = "";
  private timers: NodeJS.Timeout[] = [];
  private polling = false;

  constructor(private readonly options: ReconcilerOptions) {
    this.log = options.logger;
    this.store = new StateStore(join(options.stateDir, "state.json"), this.log, ZRecord);
    this.workers = new KeyedWorkers(options.concurrency ?? 8, (key) => this.pass(key));
  }

  async start(): Promise<void> {
    this.records = await this.store.load();
    // Ready means "set up by this process": after a reboot nothing is, so users wait for a first network pass.
    for (const r of this.records.values()) if (r.kind === "network") r.ready = false;
    this.log.info({ records: this.records.size }, "state loaded");
    this.kickAll();
    this.timers = [
      setInterval(() => this.kickAll(), this.options.resyncMs ?? 15_000),
      setInterval(() => void this.kickAbsentPorts(), this.options.absentPollMs ?? 1_000),
    ];
  }

  async stop(): Promise<void> {
    for (const t of this.timers) clearInterval(t);
    await this.inbox;
    await this.workers.close();
  }

  /** Resolves when received messages are applied and no pass runs (tests). */
  async idle(): Promise<void> {
    await this.inbox;
    await this.workers.idle();
  }

  onDesired(msg: NetworkDesired): void {
    this.inbox = this.inbox
      .then(() => this.applyDesired(msg))
      .catch((err: unknown) => this.log.error({ err }, "cannot apply desired state"));
  }

  /** What is applied now, as reports and hellos carry it. */
  applied(): AppliedState {
    const state: AppliedState = { ports: [], dhcp: [], routers: [], errors: [] };
    for (const [key, r] of this.records) {
      if (r.kind === "port" && r.desired !== null && r.wiredGeneration !== null) {
        state.ports.push({ id: r.desired.id, generation: r.wiredGeneration });
      } else if (r.kind === "dhcp" && r.desired !== null && r.appliedGeneration !== null) {
        state.dhcp.push({ networkId: r.desired.networkId, generation: r.appliedGeneration });
      } else if (r.kind === "router" && r.desired !== null && r.appliedGeneration !== null) {
        state.routers.push({ id: r.desired.id, generation: r.appliedGeneration });
      }
      const message = this.errors.get(key);
      if (message !== undefined && state.errors.length < 1000) {
        const { kind, id } = splitKey(key);
        state.errors.push({ kind, id, message });
      }
    }
    return state;
  }

  /** The hello carries the applied state: later reports are sent only when it changes. */
  helloSent(applied: AppliedState): void {
    this.lastReport = JSON.stringify(applied);
  }

  private async applyDesired(msg: NetworkDesired): Promise<void> {
    const wanted = new Set<string>();
    const upsert = (kind: RecordKind, id: string, make: () => AgentRecord, set: (r: AgentRecord) => void) => {
      const key = recordKey(kind, id);
      wanted.add(key);
      const existing = this.records.get(key);
      if (existing === undefined) this.records.set(key, make());
      else set(existing);
    };
    for (const n of msg.networks) {
      upsert(
        "network",
        n.id,
        () => ({
          kind: "network",
          slot: freeSlot(this.records.values(), "network"),
          desired: n,
          applied: null,
          ready: false,
        }),
        (r) => {
          if (r.kind === "network") r.desired = n;
        },
      );
    }
    for (const p of msg.ports) {
      upsert(
        "port",
        p.id,
        () => ({
          kind: "port",
          slot: freeSlot(this.records.values(), "port"),
          desired: p,
          applied: null,
          wiredGeneration: null,
        }),
        (r) => {
          if (r.kind === "port") r.desired = p;
        },
      );
    }
    for (const d of msg.dhcp) {
      upsert(
        "dhcp",
        d.networkId,
        () => ({ kind: "dhcp", desired: d, applied: false, appliedGeneration: null }),
        (r) => {
          if (r.kind === "dhcp") r.desired = d;
        },
      );
    }
    for (const rt of msg.routers) {
      upsert(
        "router",
        rt.id,
        () => ({ kind: "router", desired: rt, applied: false, networkIds: [], appliedGeneration: null }),
        (r) => {
          if (r.kind === "router") r.desired = rt;
        },
      );
    }
    // The message is the whole host: anything else goes.
    for (const [key, r] of this.records) if (!wanted.has(key)) r.desired = null;
    await this.persist();
    this.kickAll();
  }

  private kickAll(): void {
    for (const key of this.records.keys()) this.workers.kick(key);
  }

  /** One look at the host's devices; only ports whose tap has appeared get a pass. */
  private async kickAbsentPorts(): Promise<void> {
    if (this.polling) return;
    this.polling = true;
    try {
      const waiting = [...this.records].filter(
        ([key, r]) =>
          r.kind === "port" && r.desired !== null && r.wiredGeneration === null && !this.workers.busy(key),
      );
      if (waiting.length === 0) return;
      const present = await this.options.driver.devices();
      for (const [key, r] of waiting)
        if (r.kind === "port" && r.desired !== null && present.has(r.desired.device)) this.workers.kick(key);
    } catch (err) {
      this.log.warn({ err }, "cannot list devices");
    } finally {
      this.polling = false;
    }
  }

  /** Wakes what waits for a network to be ready. */
  private kickNetworkUsers(networkId: string): void {
    for (const [key, r] of this.records) {
      if (this.networkIdsOf(key, r).includes(networkId)) this.workers.kick(key);
    }
  }

  /** Wakes networks waiting for their last user to go. */
  private kickLeavingNetworks(): void {
    for (const [key, r] of this.records)
      if (r.kind === "network" && r.desired === null) this.workers.kick(key);
  }

  private async pass(key: string): Promise<void> {
    const record = this.records.get(key);
    if (record === undefined) return;
    const log = this.log.child({ resource: key });
    try {
      switch (record.kind) {
        case "network":
          await this.networkPass(key, record, log);
          break;
        case "port":
          await this.portPass(key, record);
          break;
        case "dhcp":
          await this.dhcpPass(key, record);
          break;
        case "router":
          await this.routerPass(key, record);
          break;
      }
      if (this.errors.delete(key)) log.info("converged after an error");
    } catch (err) {
      const message = errorText(err);
      if (this.errors.get(key) !== message) log.warn({ err }, "convergence pass failed");
      this.errors.set(key, message);
    }
    // Read before the save, whose snapshot is taken when its write starts, so later: what the report
    // claims is on disk. Read after it, a report could claim a port another pass wired meanwhile, not
    // yet saved, and an agent killed then would come back without it (its hello short of a port).
    const applied = this.applied();
    await this.persist();
    this.report(applied);
  }

  private async networkPass(key: string, r: NetworkRecord, log: Logger): Promise<void> {
    const { driver } = this.options;
    // The record may change while the driver works (a newer message): act on what this pass read.
    const d = r.desired;
    if (d !== null) {
      r.applied = d;
      await this.persist();
      const changed = await driver.ensureNetwork(d, r.slot);
      // Its users follow at once when it was just set up or repaired (a re-made bridge lost its taps).
      if (!r.ready || changed) {
        r.ready = true;
        this.kickNetworkUsers(d.id);
      }
      return;
    }
    const id = splitKey(key).id;
    // Ports, DHCP and routers on it go first (their passes kick this one when done).
    for (const [otherKey, other] of this.records) {
      if (other !== r && this.holds(other) && this.networkIdsOf(otherKey, other).includes(id)) return;
    }
    if (r.applied !== null) {
      await driver.removeNetwork(r.applied, r.slot);
      log.info("network removed");
    }
    this.forget(key, r);
  }

  private async portPass(key: string, r: PortRecord): Promise<void> {
    const { driver } = this.options;
    const d = r.desired;
    // A port moved to another network or device (not something Neutron does): unplug the old one first.
    if (
      r.applied !== null &&
      (d === null || d.networkId !== r.applied.networkId || d.device !== r.applied.device)
    ) {
      const old = r.applied;
      await driver.removePort(old, r.slot);
      r.applied = null;
      r.wiredGeneration = null;
      this.kickLeavingNetworks();
    }
    if (d === null) {
      this.forget(key, r);
      return;
    }
    // Until its network's pass has run: what was wired stays reported (no DOWN blip after a restart).
    const network = this.readyNetwork(d.networkId);
    if (network === undefined) return;
    r.applied = { id: d.id, networkId: d.networkId, device: d.device };
    await this.persist();
    const state = await driver.ensurePort(d, network, r.slot);
    r.wiredGeneration = state === "wired" ? d.generation : null;
  }

  private async dhcpPass(key: string, r: DhcpRecord): Promise<void> {
    const { driver } = this.options;
    const d = r.desired;
    const networkId = splitKey(key).id;
    if (d === null) {
      if (r.applied) await driver.removeDhcp(networkId);
      this.forget(key, r);
      return;
    }
    const network = this.readyNetwork(d.networkId);
    if (network === undefined) return;
    r.applied = true;
    await this.persist();
    await driver.ensureDhcp(d, network);
    r.appliedGeneration = d.generation;
  }

  private async routerPass(key: string, r: RouterRecord): Promise<void> {
    const { driver } = this.options;
    const d = r.desired;
    const routerId = splitKey(key).id;
    if (d === null) {
      if (r.applied) await driver.removeRouter(routerId);
      this.forget(key, r);
      return;
    }
    const networks = new Map<string, NetworkSpec>();
    for (const id of routerNetworks(d)) {
      const n = this.readyNetwork(id);
      if (n === undefined) return;
      networks.set(id, n);
    }
    r.applied = true;
    // Networks it leaves are released only after the driver took them out of the router.
    r.networkIds = [...new Set([...r.networkIds, ...networks.keys()])];
    await this.persist();
    await driver.ensureRouter(d, networks);
    r.appliedGeneration = d.generation;
    if (r.networkIds.length !== networks.size) {
      r.networkIds = [...networks.keys()];
      this.kickLeavingNetworks();
    }
  }

  /** The network's spec once it is set up on this host (else its users wait for it). */
  private readyNetwork(id: string): NetworkSpec | undefined {
    const n = this.records.get(recordKey("network", id));
    if (n?.kind !== "network" || n.desired === null || !n.ready) {
      if (n === undefined) throw new Error(`network ${id} is not in the desired state of this host`);
      return undefined;
    }
    return n.desired;
  }

  /** Whether the record may still have something on the host or wants something. */
  private holds(r: AgentRecord): boolean {
    if (r.desired !== null) return true;
    return r.kind === "port" || r.kind === "network" ? r.applied !== null : r.applied;
  }

  /** The networks a record uses (wants, or may still have something on). */
  private networkIdsOf(key: string, r: AgentRecord): string[] {
    switch (r.kind) {
      case "network":
        return [];
      case "port":
        return [r.desired?.networkId, r.applied?.networkId].filter((x) => x !== undefined);
      case "dhcp":
        return [splitKey(key).id];
      case "router":
        return [...new Set([...(r.desired === null ? [] : routerNetworks(r.desired)), ...r.networkIds])];
    }
  }

  /** Drops the record unless a newer desired state brought it back meanwhile. */
  private forget(key: string, r: AgentRecord): void {
    if (this.records.get(key) === r && r.desired === null) {
      this.records.delete(key);
      this.errors.delete(key);
      this.kickLeavingNetworks();
    }
  }

  private report(applied: AppliedState): void {
    const text = JSON.stringify(applied);
    if (text === this.lastReport) return;
    this.lastReport = text;
    this.options.send({ type: "report", applied });
  }

  private persist(): Promise<void> {
    return this.store.save(() => this.records);
  }
}
