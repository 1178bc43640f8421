import type { ActualInstance } from "@zenith/agent-protocol/compute";
import type { Logger } from "@zenith/core/logger";
import type { PrismaClient } from "@zenith/db/client";
import type { ImageStore } from "../../image/store.ts";
import { AgentCredentials } from "../agent-hub/credentials.ts";
import { AgentHub } from "../agent-hub/hub.ts";
import { Reconciler } from "../agent-hub/reconciler.ts";
import { TaskResults } from "../agent-hub/task-results.ts";
import { ConsoleProxy } from "../consoles/proxy.ts";
import { ConsoleTokens } from "../consoles/tokens.ts";
import type { QuotaService } from "../quotas.ts";
import { Scheduler } from "../scheduler/scheduler.ts";
import type { PlacementStrategy } from "../scheduler/weighers.ts";
import { ActionHistory } from "./action-history.ts";
import type { Caller } from "./caller.ts";
import { ConsoleOutput } from "./console.ts";
import { countServersByStatus, type StatusCount } from "./counts.ts";
import { type BuildVolumes, ServerCreator } from "./create.ts";
import { DeleteAction } from "./delete.ts";
import {
  type ListServersQuery,
  listServerSummaries,
  listServers,
  type ServerPage,
  type ServerSummary,
} from "./list.ts";
import { findServer, type InstanceWithHost } from "./lookup.ts";
import { ServerMetadata } from "./metadata.ts";
import type { ComputeNeutron, NetworkChangeNotifier } from "./networking/neutron.ts";
import { ServerNetworking } from "./networking/service.ts";
import { PowerActions } from "./power-actions.ts";
import { RebuildAction } from "./rebuild.ts";
import { ResizeActions } from "./resize.ts";
import { SnapshotAction } from "./snapshot.ts";
import { type UpdateServerInput, updateServer } from "./update.ts";

/** Servers, their scheduler and the agent hub: the compute core, wired once per control plane. */
export interface ServerServices {
  prisma: PrismaClient;
  hub: AgentHub;
  scheduler: Scheduler;
  creator: ServerCreator;
  power: PowerActions;
  resize: ResizeActions;
  rebuild: RebuildAction;
  snapshot: SnapshotAction;
  deletion: DeleteAction;
  metadata: ServerMetadata;
  console: ConsoleOutput;
  /** Remote consoles: tokens handed out by the API, the proxy that spends them. */
  consoles: { tokens: ConsoleTokens; proxy: ConsoleProxy };
  history: ActionHistory;
  /** Nova's networking: requested networks, ports per instance, os-interface, server security groups. */
  network: ServerNetworking;
  /** How agents authenticate (WebSocket and image endpoints) and how hosts enrol. */
  agentCredentials: AgentCredentials;
  /** Image bytes: agents download boot images and upload snapshots through it. */
  imageStore: ImageStore;
  get(caller: Caller, id: string): Promise<InstanceWithHost>;
  /** Volumes attached to each server (its volume block device mappings, in attach order). */
  volumesAttached(
    ids: readonly string[],
  ): Promise<Map<string, Array<{ volumeId: string; deleteOnTermination: boolean }>>>;
  list(caller: Caller, query: ListServersQuery): Promise<ServerPage>;
  /** The same page with ids and names only (`GET /servers`). */
  listSummaries(
    caller: Caller,
    query: ListServersQuery,
  ): Promise<{ servers: ServerSummary[]; nextMarker: string | null }>;
  update(caller: Caller, id: string, input: UpdateServerInput): Promise<void>;
  /** Servers of every project by API status (callers check the all-projects listing's policy). */
  countByStatus(): Promise<StatusCount[]>;
}

export function createServerServices(opts: {
  prisma: PrismaClient;
  logger: Logger;
  quotas: QuotaService;
  imageStore: ImageStore;
  /** The deprecated shared agent token; only when explicitly configured. */
  sharedAgentToken?: string | undefined;
  strategy?: PlacementStrategy;
  rpcTimeoutMs?: number;
  /** The ceiling of `max_count` (see ServerCreator). */
  maxServersPerRequest?: number;
  /** Neutron as compute uses it, and the network hub's hooks. */
  networking: {
    neutron: ComputeNeutron;
    notifier: NetworkChangeNotifier;
    portRoom?: (projectId: string) => Promise<number | null>;
    portsWired?: (instanceId: string) => Promise<boolean>;
    /** Nova's vif_plugging_timeout (s); 0 = no wait. */
    vifPlugTimeoutS?: number;
    vifSweepMs?: number;
  };
  /** The volume side (bound late: it needs this hub): reports of plugged volumes, and servers gone. */
  volumes?: {
    instanceReported(instanceId: string, actual: ActualInstance["volumes"]): Promise<void>;
    instanceDeleted(instanceId: string): Promise<void>;
    /** The server got its host: its volumes are exported there. */
    placed(instanceId: string, host: string): Promise<void>;
    /** Block device mappings at build; null while the volume side is not wired. */
    build(): BuildVolumes | null;
  };
}): ServerServices {
  const { prisma, quotas } = opts;
  const logger = opts.logger.child({ component: "compute" });
  const agentCredentials = new AgentCredentials({
    prisma,
    logger: logger.child({ component: "agent-credentials" }),
    sharedToken: opts.sharedAgentToken,
  });
  const hub = new AgentHub({
    prisma,
    logger,
    credentials: agentCredentials,
    ...(opts.rpcTimeoutMs ? { rpcTimeoutMs: opts.rpcTimeoutMs } : {}),
  });
  const network = new ServerNetworking({
    prisma,
    logger: logger.child({ component: "compute-network" }),
    publisher: hub,
    ...opts.networking,
  });
  const scheduler = new Scheduler({
    prisma,
    logger,
    publisher: hub,
    ...(opts.strategy ? { strategy: opts.strategy } : {}),
    afterPlace: async (instanceId, hostId, host) => {
      await opts.volumes?.placed(instanceId, host);
      return network.placed(instanceId, hostId, host);
    },
  });
  const onDeleted = async (instanceId: string) => {
    await network.release(instanceId);
    await opts.volumes?.instanceDeleted(instanceId);
  };
  hub.bind({
    reconciler: new Reconciler({
      prisma,
      logger,
      publisher: hub,
      onDeleted,
      vif: network.vif,
      volumes: opts.volumes,
    }),
    results: new TaskResults({ prisma, logger, scheduler, publisher: hub }),
  });
  const deps = { prisma, publisher: hub };
  return {
    prisma,
    hub,
    scheduler,
    creator: new ServerCreator({
      prisma,
      logger,
      quotas,
      scheduler,
      network,
      maxServersPerRequest: opts.maxServersPerRequest,
      volumes: () => opts.volumes?.build() ?? null,
    }),
    power: new PowerActions(deps),
    resize: new ResizeActions({ ...deps, quotas }),
    rebuild: new RebuildAction({ ...deps, quotas }),
    snapshot: new SnapshotAction({ ...deps, logger }),
    deletion: new DeleteAction({ ...deps, logger, onDeleted }),
    metadata: new ServerMetadata({ ...deps, quotas }),
    console: new ConsoleOutput({ prisma, hub }),
    consoles: {
      tokens: new ConsoleTokens({ prisma }),
      proxy: new ConsoleProxy({ hub, logger: logger.child({ component: "console-proxy" }) }),
    },
    history: new ActionHistory(prisma),
    network,
    agentCredentials,
    imageStore: opts.imageStore,
    get: (caller, id) => findServer(prisma, caller, id),
    async volumesAttached(ids) {
      const rows =
        ids.length === 0
          ? []
          : await prisma.blockDeviceMapping.findMany({
              where: { instanceId: { in: [...ids] }, volumeId: { not: null }, destinationType: "volume" },
              orderBy: [{ bootIndex: "asc" }, { createdAt: "asc" }],
              select: { instanceId: true, volumeId: true, deleteOnTermination: true },
            });
      const out = new Map<string, Array<{ volumeId: string; deleteOnTermination: boolean }>>();
      for (const r of rows) {
        if (r.volumeId === null) continue;
        const list = out.get(r.instanceId) ?? [];
        list.push({ volumeId: r.volumeId, deleteOnTermination: r.deleteOnTermination });
        out.set(r.instanceId, list);
      }
      return out;
    },
    list: (caller, query) => listServers(prisma, caller, query),
    listSummaries: (caller, query) => listServerSummaries(prisma, caller, query),
    update: (caller, id, input) => updateServer(deps, caller, id, input),
    countByStatus: () => countServersByStatus(prisma),
  };
}
