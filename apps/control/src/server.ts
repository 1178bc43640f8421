import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { ensurePrivateDir } from "@zenith/core/data-dir";
import { createLogger, type Logger } from "@zenith/core/logger";
import {
  type Database,
  type Listener,
  openDatabase,
  resolveTarget,
  type StopListening,
} from "@zenith/db/client";
import { migrate } from "@zenith/db/migrate";
import { buildControlApp } from "./app.ts";
import { bootstrap } from "./bootstrap.ts";
import {
  type AdminProjectRef,
  type ControlConfig,
  DEFAULT_ADMIN_PROJECT,
  PRODUCTION_SCRYPT,
} from "./config.ts";
import type { ScryptParams } from "./crypto/secret-hash.ts";
import { ChangeFeed } from "./services/changes/feed.ts";
import { JoinTokenFile } from "./services/compute/agent-hub/join-token-file.ts";
import { createInventoryServices } from "./services/compute/inventory.ts";
import { QuotaService } from "./services/compute/quotas.ts";
import type { ComputeServices } from "./services/compute/registry.ts";
import { computeNeutron, portRoomOf } from "./services/compute/servers/networking/neutron-adapter.ts";
import { createServerServices } from "./services/compute/servers/registry.ts";
import { probesOf } from "./services/health/agents.ts";
import { HealthReader } from "./services/health/reader.ts";
import { resolvePortalSecret } from "./services/identity/portal-secret.ts";
import { createIdentityServices } from "./services/identity/registry.ts";
import { seedStarterImage } from "./services/image/bootstrap-image.ts";
import { registerTinyImage } from "./services/image/bootstrap-tiny-image.ts";
import { createImageServices, imageDirOf } from "./services/image/registry.ts";
import { createMeteringServices, type MeteringServices } from "./services/metering/registry.ts";
import { ensureDefaultSecurityGroup } from "./services/network/default-security-group.ts";
import { createNetworkHubServices, type NetworkHubServices } from "./services/network/hub/registry.ts";
import { createNetworkServices } from "./services/network/registry.ts";
import { createVolumeServices, type VolumeServices } from "./services/volume/registry.ts";

export interface StartControlOptions {
  /** How often metering folds its backlog into aggregates (default 5 s); tests go faster. */
  meteringIntervalMs?: number;
  /** Metering's clock (retention, relative times); tests of rollups replace it. */
  meteringClock?: () => number;
  port?: number;
  host?: string;
  dataDir?: string;
  databaseUrl?: string;
  /** Base of catalog URLs and links; defaults to the URL actually bound. */
  publicUrl?: string;
  region?: string;
  tokenTtlSeconds?: number;
  adminPassword?: string;
  demoPassword?: string;
  logLevel?: string;
  /** Tests use cheap parameters; production uses N=2^15, r=8, p=1. */
  scrypt?: ScryptParams;
  /** How long validated tokens are served from memory (ms); 0 disables the cache. */
  tokenCacheMs?: number;
  loginThrottle?: ControlConfig["loginThrottle"];
  /** The portal's shared secret; else generated once into `<dataDir>/portal-secret`. */
  portalSecret?: string;
  /** The cloud-admin project; defaults to project `admin` in domain `Default`. */
  adminProject?: AdminProjectRef;
  logger?: Logger;
  /** Where image bytes live; defaults to `<dataDir>/images`. Tests on `memory://` pass a temp dir. */
  imageDir?: string;
  /** Largest accepted image upload in bytes; defaults to 10 GiB. */
  imageMaxBytes?: number;
  /**
   * Deprecated: a secret shared by all agents (main.ts passes
   * ZENITH_AGENT_TOKEN), accepted for any host not enrolled. Unset by
   * default: hosts enrol with join tokens and get credentials of their own.
   */
  agentToken?: string;
  /** Keep one unused join token in `<dataDir>/agent-join-token` for local agents (default true). */
  joinTokenFile?: boolean;
  /** A built zenith-tiny (scripts/tiny-image/build.sh output) to register as a public image. */
  tinyImageDir?: string;
  /** Seed the fake-driver starter image on first start (default true; npm start turns it off on QEMU hosts). */
  seedStarterImage?: boolean;
  /** The most servers one `POST /servers` may create (`max_count` ceiling); default 1000. */
  maxServersPerRequest?: number;
  /** Longest a database statement may run (ms); default DEFAULT_STATEMENT_TIMEOUT_MS (30 s). */
  statementTimeoutMs?: number;
  /** VXLAN network identifiers handed to tenant networks (default 1:65535). */
  vniRange?: { min: number; max: number };
  /** Browser origins allowed to open consoles besides the control plane's own (default: the portal on localhost:3000). */
  consoleOrigins?: readonly string[];
  /** Nova's vif_plugging_timeout: seconds a spawned server waits for its ports to be wired (0: no wait); default 300. */
  vifPlugTimeoutS?: number;
  /** How often builds waiting for their ports are checked (ms); default 5000. */
  vifSweepMs?: number;
  /** The external network `public`'s subnet, created on first start (default 172.24.4.0/24). */
  publicCidr?: string;
  /**
   * Create DevStack's default networking (public, private, router1) on
   * first start (default true). Suites that count networks from an empty
   * cloud turn it off.
   */
  defaultNetworking?: boolean;
  /** A Prometheus server's bearer token for GET /metrics (ZENITH_METRICS_SCRAPE_TOKEN); unset: cloud admins only. */
  metricsScrapeToken?: string | undefined;
}

export interface RunningControl {
  url: string;
  db: Database;
  bootstrap: { adminPassword: string; demoPassword: string; created: boolean };
  /** A new one-time join token (what `POST /agent/v1/join-tokens` gives an admin). */
  issueJoinToken(ttlSeconds?: number): Promise<string>;
  /** Enrols `host` at once and returns its credential (tests and in-process agents). */
  enrolHost(host: string): Promise<string>;
  /** Every HTTP route the app serves (method and URL pattern, e.g. `/compute/v2.1/servers/:id`). */
  routes: ReadonlyArray<{ method: string; url: string }>;
  /** The network agents' hub: tests publish through it and wait for it to be idle. */
  networkHub: NetworkHubServices;
  /** Metering: tests fold the backlog at once and read what was stored. */
  metering: MeteringServices;
  close(): Promise<void>;
}

/**
 * Opens the database, migrates, bootstraps and listens. With port 0 the
 * OS picks a port and the public URL follows it (tests run in-process).
 */
export async function startControl(opts: StartControlOptions = {}): Promise<RunningControl> {
  // An in-memory database with no data folder (tests) keeps its files in a temp folder, removed on close.
  const scratch = opts.dataDir === undefined && opts.databaseUrl === "memory://";
  const dataDir = opts.dataDir ?? (scratch ? mkdtempSync(join(tmpdir(), "zenith-control-")) : "./.zenith");
  const logger = opts.logger ?? createLogger("control", opts.logLevel ?? "info");
  const host = opts.host ?? "127.0.0.1";
  // Database, secrets and image bytes: readable by the owner only.
  ensurePrivateDir(dataDir);
  const db = await openDatabase(resolveTarget({ databaseUrl: opts.databaseUrl, dataDir }), {
    statementTimeoutMs: opts.statementTimeoutMs,
    onIdleConnectionError: (err) =>
      logger.warn({ err }, "the database ended an idle connection; the pool opens a new one"),
  });
  let stopListening: StopListening = async () => {};
  try {
    await migrate(db.raw);
    const config: ControlConfig = {
      publicUrl: (opts.publicUrl ?? "").replace(/\/+$/, ""),
      region: opts.region ?? "RegionOne",
      tokenTtlSeconds: opts.tokenTtlSeconds ?? 3600,
      scrypt: opts.scrypt ?? PRODUCTION_SCRYPT,
      tokenCacheMs: opts.tokenCacheMs ?? 5000,
      loginThrottle: opts.loginThrottle ?? {
        maxFailures: 5,
        maxFailuresPerAddress: 20,
        windowMs: 5 * 60 * 1000,
      },
      adminProject: opts.adminProject ?? DEFAULT_ADMIN_PROJECT,
      portalSecret: resolvePortalSecret({ explicit: opts.portalSecret, dataDir }),
    };
    const services = await createIdentityServices({ prisma: db.prisma, config, logger });
    const image = createImageServices({
      prisma: db.prisma,
      logger,
      imageDir: opts.imageDir ?? imageDirOf(dataDir),
      maxUploadBytes: opts.imageMaxBytes,
    });
    // Before listening: no upload can be running yet, so any `saving` image was cut short by a crash.
    await image.data.recoverInterruptedUploads();
    const quotas = new QuotaService(db.prisma);
    if (opts.agentToken) {
      logger.warn(
        "a shared agent token is configured (deprecated): its holder may act as any host not enrolled",
      );
    }
    const network = createNetworkServices({
      prisma: db.prisma,
      logger,
      config: opts.vniRange ? { vniRange: opts.vniRange } : undefined,
    });
    // The hub needs the servers' agent credentials, servers need the hub: bound once both exist.
    let hubServices: NetworkHubServices | null = null;
    let volumeServices: VolumeServices | null = null;
    const servers = createServerServices({
      prisma: db.prisma,
      logger,
      quotas,
      imageStore: image.store,
      sharedAgentToken: opts.agentToken || undefined,
      ...(opts.maxServersPerRequest === undefined ? {} : { maxServersPerRequest: opts.maxServersPerRequest }),
      networking: {
        neutron: computeNeutron({
          prisma: db.prisma,
          ports: network.ports,
          defaultSecurityGroup: (projectId) => ensureDefaultSecurityGroup(db.prisma, projectId),
          portsChanged: async (change) => hubServices?.portsChanged(change),
        }),
        portRoom: portRoomOf(network.quotas),
        notifier: { networkChanged: (hosts) => hubServices?.publisher.networkChanged(hosts) },
        portsWired: (instanceId) =>
          hubServices ? hubServices.wiring.portsWired(instanceId) : Promise.resolve(false),
        ...(opts.vifPlugTimeoutS === undefined ? {} : { vifPlugTimeoutS: opts.vifPlugTimeoutS }),
        ...(opts.vifSweepMs === undefined ? {} : { vifSweepMs: opts.vifSweepMs }),
      },
      volumes: {
        instanceReported: async (id, actual) => volumeServices?.attachments.applyComputeReport(id, actual),
        instanceDeleted: async (id) => volumeServices?.serverDeleted(id),
        placed: async (id, host) => volumeServices?.boot.placed(id, host),
        build: () => volumeServices?.boot ?? null,
      },
    });
    const credentials = servers.agentCredentials;
    const joinTokenFile =
      opts.joinTokenFile === false
        ? null
        : new JoinTokenFile(join(dataDir, "agent-join-token"), credentials, logger);
    const networkHub = createNetworkHubServices({ prisma: db.prisma, logger, credentials });
    hubServices = networkHub;
    // A server waiting in BUILD for its ports finishes when the last one is wired.
    networkHub.wiring.onInstancePortsActive((instanceId) => servers.network.vif.portsChanged([instanceId]));
    const compute: ComputeServices = {
      quotas,
      inventory: createInventoryServices(db.prisma, quotas),
      servers,
    };
    const volume = createVolumeServices({
      prisma: db.prisma,
      // Beside the images: the same data folder (a temp one for memory:// test clouds).
      backupDir: join(dirname(opts.imageDir ?? imageDirOf(dataDir)), "backups"),
      logger,
      credentials,
      instances: {
        async instanceVolumesChanged(instanceId) {
          // A new generation: the compute agent applies the instance's new volumes and echoes it.
          await db.prisma.instance.updateMany({
            where: { id: instanceId, deletedAt: null },
            data: { generation: { increment: 1 } },
          });
          servers.hub.instanceChanged(instanceId);
        },
      },
    });
    volumeServices = volume;
    const metering = createMeteringServices({
      prisma: db.prisma,
      logger,
      ...(opts.meteringClock ? { now: opts.meteringClock } : {}),
      ...(opts.meteringIntervalMs === undefined ? {} : { aggregateIntervalMs: opts.meteringIntervalMs }),
    });
    let listener: Listener | undefined;
    const changes = new ChangeFeed({ sync: async () => listener?.sync() });
    listener = await db.listen("zenith_changes", {
      notice: (payload) => changes.record(payload),
      lost: () => {
        logger.warn("the database's change notices were interrupted; live views re-read everything");
        changes.lose();
      },
    });
    stopListening = listener.stop;
    const booted = deferred();
    const routes: Array<{ method: string; url: string }> = [];
    const app = buildControlApp({
      onRoute: (route) => routes.push(route),
      services,
      image,
      compute,
      networkHub,
      network,
      volume,
      metering,
      changes,
      logger,
      publicUrl: () => config.publicUrl,
      consoleOrigins: opts.consoleOrigins,
      ready: booted.promise,
      prometheus: {
        health: new HealthReader({
          db,
          probes: probesOf({ compute: servers.hub, network: networkHub.hub, volume: volume.hub }),
          logger,
          meteringBacklog: () => metering.backlog(),
        }),
        databasePool: db.poolStats() !== null,
        scrapeToken: opts.metricsScrapeToken,
      },
    });
    await app.listen({ port: opts.port ?? 5000, host });
    const address = app.server.address();
    const port = typeof address === "object" && address ? address.port : (opts.port ?? 5000);
    const url = `http://${host.includes(":") ? `[${host}]` : host}:${port}`;
    if (!config.publicUrl) config.publicUrl = `http://localhost:${port}`;
    if (opts.port === 0 && !opts.publicUrl) config.publicUrl = url;
    let boot: RunningControl["bootstrap"];
    try {
      boot = await bootstrap(
        db.prisma,
        {
          publicUrl: config.publicUrl,
          region: config.region,
          scrypt: config.scrypt,
          adminPassword: opts.adminPassword,
          demoPassword: opts.demoPassword,
          publicCidr: opts.publicCidr,
          network: opts.defaultNetworking === false ? undefined : network,
        },
        logger,
      );
      const adminProject = await db.prisma.project.findUnique({
        where: { domainId_name: { domainId: "default", name: "admin" } },
      });
      if (adminProject) {
        if (opts.seedStarterImage !== false) {
          await seedStarterImage(db.prisma, image.store, adminProject.id, logger);
        }
        if (opts.tinyImageDir) {
          await registerTinyImage(db.prisma, image.store, adminProject.id, opts.tinyImageDir, logger);
        }
      }
      const defaultType = await volume.types.ensureDefault();
      if (defaultType.created)
        logger.info({ volumeTypeId: defaultType.id }, "bootstrap created the default volume type");
      await joinTokenFile?.start();
    } catch (err) {
      booted.reject(new Error("bootstrap failed"));
      changes.close();
      await app.close();
      throw err;
    }
    booted.resolve();
    networkHub.hub.start();
    servers.network.vif.start();
    metering.aggregator.start();
    // Instances a previous run left waiting for a host (stopped mid-create) are placed now.
    await servers.scheduler.resumePending();
    // Expired tokens are useless; sweep them hourly so the table stays small.
    const sweep = setInterval(() => {
      services.tokens.purgeExpired().catch((err: unknown) => logger.warn({ err }, "token purge failed"));
      credentials.purgeJoinTokens().catch((err: unknown) => logger.warn({ err }, "join token purge failed"));
    }, 3_600_000);
    sweep.unref();
    // PGlite has no autovacuum: refresh planner statistics now and then so
    // list queries keep their index plans as tables grow.
    // Without statistics a 5,000-row server list sorts every row (25 ms) instead
    // of reading 50 from the index (1 ms); ANALYZE of this small database is cheap.
    const analyze =
      db.kind === "postgres"
        ? undefined
        : setInterval(() => {
            db.raw.exec("ANALYZE").catch((err: unknown) => logger.warn({ err }, "ANALYZE failed"));
          }, 30_000);
    analyze?.unref();
    let closed = false;
    return {
      url,
      db,
      bootstrap: boot,
      issueJoinToken: async (ttlSeconds) => (await credentials.issueJoinToken(ttlSeconds)).token,
      async enrolHost(host) {
        const { token } = await credentials.issueJoinToken();
        return (await credentials.enrol(token, host)).credential;
      },
      routes,
      networkHub,
      metering,
      async close() {
        if (closed) return;
        closed = true;
        clearInterval(sweep);
        await metering.aggregator.stop();
        servers.network.vif.stop();
        joinTokenFile?.stop();
        if (analyze) clearInterval(analyze);
        // Open long polls would hold app.close() for their whole wait.
        changes.close();
        await stopListening();
        await app.close();
        await db.close();
        if (scratch) rmSync(dataDir, { recursive: true, force: true });
      },
    };
  } catch (err) {
    await stopListening();
    await db.close();
    throw err;
  }
}

/** A promise with its settle functions, for gating requests on bootstrap. */
function deferred(): { promise: Promise<void>; resolve(): void; reject(err: Error): void } {
  let resolve = () => {};
  let reject: (err: Error) => void = () => {};
  const promise = new Promise<void>((res, rej) => {
    resolve = res;
    reject = rej;
  });
  // Nobody may be waiting when bootstrap fails; that is not an unhandled rejection.
  promise.catch(() => {});
  return { promise, resolve, reject };
}
