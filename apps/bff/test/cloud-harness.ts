import { mkdtemp, rm } from "node:fs/promises";
import type { AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { FetchLike } from "@zenith/api-client/http";
import { createKeystoneClient, type KeystoneSession, passwordLogin } from "@zenith/api-client/keystone";
import { createNeutronClient, type NeutronClient } from "@zenith/api-client/neutron";
import { createLogger } from "@zenith/core/logger";
import { TEST_SCRYPT } from "@zenith/testkit/scrypt";
import { poll } from "@zenith/testkit/wait-for";
import { ComputeAgent } from "../../compute-agent/src/agent.ts";
import { FakeDriver } from "../../compute-agent/src/driver/fake.ts";
import { type RunningControl, type StartControlOptions, startControl } from "../../control/src/server.ts";
import type { BffConfig } from "../src/context.ts";
import { createBffServer } from "../src/server.ts";
import { type Cloud, createCloud } from "../src/services/cloud/clients.ts";
import { callerFor, SECRET, sessionCookie, silentLog, type TestCaller } from "./helpers.ts";

/**
 * One set-up for the BFF integration suites: the real control plane
 * in-process (in-memory database, first-start networking), optionally a
 * fake compute agent, the BFF's HTTP server and a second tenant with a
 * member, plus the logins every suite needs. Each suite used to repeat it.
 */

export interface Credentials {
  username: string;
  password: string;
}

/** A project of its own with one member user (for "a tenant cannot reach another's" tests). */
export interface Tenant extends Credentials {
  projectId: string;
}

export interface HarnessOptions {
  /** Names the temp folder and the compute host (`<name>-node-1`). */
  name: string;
  /** Prefix of what the harness creates (the other tenant); default `runName(name)`. */
  unique?: string;
  /** Start a compute agent on the fake driver (builds then do not wait for port wiring). */
  computeAgent?: boolean | { host?: string; hostIp?: string; meteringIntervalMs?: number };
  /** Serve the BFF over HTTP too (for its non-tRPC routes, such as image uploads). */
  bffServer?: boolean;
  /** Create a second project with a member (`other`). */
  otherTenant?: boolean;
  /** Anything else the control plane should be started with (e.g. `portalSecret`, `loginThrottle`). */
  control?: Partial<StartControlOptions>;
}

export interface Harness {
  /** Unique per run, to prefix the names a suite creates. */
  unique: string;
  control: RunningControl;
  keystoneUrl: string;
  /** A temp folder of the run's (removed on close): the compute agent's data. */
  dataDir: string;
  admin: Credentials;
  demo: Credentials;
  /** The second tenant; throws unless `otherTenant` was asked for. */
  readonly other: Tenant;
  /** The compute agent; throws unless `computeAgent` was asked for. */
  readonly agent: ComputeAgent;
  /** The BFF's HTTP base URL; throws unless `bffServer` was asked for. */
  readonly bffUrl: string;
  login(username: string, password: string, projectId?: string): Promise<KeystoneSession>;
  cookieOf(username: string, password: string): Promise<string>;
  /** A tRPC caller with a real encoded session cookie, and the Keystone session behind it. */
  as(
    username: string,
    password: string,
    config?: Partial<BffConfig>,
  ): Promise<TestCaller & { session: KeystoneSession }>;
  callerOf(session: KeystoneSession, config?: Partial<BffConfig>): Promise<TestCaller>;
  /** A raw Neutron client with the session's token, for set-up that other parts' procedures would do. */
  neutronFor(session: KeystoneSession): NeutronClient;
  /** `neutronFor` after logging `username` in. */
  neutronAs(username: string, password: string): Promise<NeutronClient>;
  /** The BFF's OpenStack clients for the session, as its services see them. */
  cloudFor(session: KeystoneSession, fetchFn?: FetchLike): Cloud;
  /** A new project with one member user, through the BFF's identity procedures as admin. */
  tenant(name: string, password: string): Promise<Tenant>;
  close(): Promise<void>;
}

export const ADMIN_PASSWORD = "admin-harness-password";
export const DEMO_PASSWORD = "demo-harness-password";
/** The password of `other` and a good one for any tenant a suite adds. */
export const OTHER_PASSWORD = "other-harness-password";
const ADMIN = { username: "admin", password: ADMIN_PASSWORD };
const DEMO = { username: "demo", password: DEMO_PASSWORD };

/** A name unique to this run, to prefix what a suite creates (module-level, so tests can name things). */
export function runName(prefix: string): string {
  return `${prefix}-${process.pid}-${Date.now().toString(36)}`;
}

/** Polls until `check` returns a value (no fixed sleeps), failing after `ms`. */
export async function waitFor<T>(what: string, check: () => Promise<T | undefined>, ms = 20_000): Promise<T> {
  return (await poll(what, check, { timeoutMs: ms, intervalMs: 100 })) as T;
}

function required<T>(value: T | undefined, what: string): T {
  if (value === undefined) throw new Error(`the harness was not asked for ${what}`);
  return value;
}

export async function startHarness(opts: HarnessOptions): Promise<Harness> {
  const unique = opts.unique ?? runName(opts.name);
  const dataDir = await mkdtemp(join(tmpdir(), `bff-${opts.name}-int-`));
  const control = await startControl({
    port: 0,
    databaseUrl: "memory://",
    logLevel: "silent",
    adminPassword: ADMIN.password,
    demoPassword: DEMO.password,
    // Sessions log in with passwords all through the suites: the production cost would be paid each time.
    scrypt: TEST_SCRYPT,
    imageDir: join(dataDir, "images"),
    dataDir,
    // No network agent runs here: builds do not wait for ports to be wired (Nova's vif_plugging_timeout = 0).
    vifPlugTimeoutS: 0,
    ...opts.control,
  });
  const keystoneUrl = `${control.url}/identity/v3`;
  let agent: ComputeAgent | undefined;
  let bff: ReturnType<typeof createBffServer> | undefined;
  let bffUrl: string | undefined;
  let other: Tenant | undefined;

  const login = (username: string, password: string, projectId?: string) =>
    passwordLogin({ authUrl: keystoneUrl, username, password, ...(projectId ? { projectId } : {}) });
  const callerOf = async (session: KeystoneSession, config: Partial<BffConfig> = {}) =>
    callerFor(await sessionCookie(session), { keystoneUrl, ...config });
  const as = async (username: string, password: string, config: Partial<BffConfig> = {}) => {
    const session = await login(username, password);
    return { ...(await callerOf(session, config)), session };
  };
  const neutronFor = (session: KeystoneSession) =>
    createNeutronClient({ endpoint: `${control.url}/networking`, token: session.token });
  const tenant = async (name: string, password: string): Promise<Tenant> => {
    const { caller } = await as(ADMIN.username, ADMIN.password);
    const project = await caller.identity.projects.create({ name });
    const roles = await caller.identity.roles.list({ pageSize: 100 });
    const member = roles.items.find((r) => r.name === "member");
    if (!member) throw new Error("bootstrap role member missing");
    await caller.identity.users.create({ name, password, projectId: project.id, roleId: member.id });
    return { username: name, password, projectId: project.id };
  };

  const close = async () => {
    bff?.closeAllConnections();
    if (bff) await new Promise((resolve) => bff?.close(resolve));
    await agent?.stop();
    await control.close();
    await rm(dataDir, { recursive: true, force: true });
  };

  try {
    if (opts.computeAgent) {
      const spec = opts.computeAgent === true ? {} : opts.computeAgent;
      const host = spec.host ?? `${opts.name}-node-1`;
      const credential = await control.enrolHost(host);
      agent = new ComputeAgent({
        host,
        availabilityZone: "nova",
        hostIp: spec.hostIp ?? "192.0.2.10",
        controlUrl: control.url,
        token: async () => credential,
        dataDir,
        driver: new FakeDriver(),
        logger: createLogger(`agent-${opts.name}`, "silent"),
        powerSyncMs: 200,
        ...(spec.meteringIntervalMs === undefined ? {} : { meteringIntervalMs: spec.meteringIntervalMs }),
      });
      await agent.start();
    }
    if (opts.bffServer) {
      const server = createBffServer({ keystoneUrl, authSecret: SECRET }, silentLog);
      bff = server;
      await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
      bffUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    }
    if (opts.otherTenant) other = await tenant(`${unique}-other`, OTHER_PASSWORD);
  } catch (err) {
    await close();
    throw err;
  }

  return {
    unique,
    control,
    keystoneUrl,
    dataDir,
    admin: ADMIN,
    demo: DEMO,
    get other() {
      return required(other, "otherTenant");
    },
    get agent() {
      return required(agent, "computeAgent");
    },
    get bffUrl() {
      return required(bffUrl, "bffServer");
    },
    login,
    cookieOf: async (username, password) => sessionCookie(await login(username, password)),
    as,
    callerOf,
    neutronFor,
    neutronAs: async (username, password) => neutronFor(await login(username, password)),
    cloudFor(session, fetchFn) {
      const keystone = createKeystoneClient({ authUrl: keystoneUrl, token: session.token, fetch: fetchFn });
      return createCloud({ token: session.token, keystone, fetch: fetchFn });
    },
    tenant,
    close,
  };
}
