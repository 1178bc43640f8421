import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { openDatabase } from "@zenith/db/client";
import { namedTestDatabase } from "@zenith/db/testing";
import { type RunningControl, type StartControlOptions, startControl } from "../src/server.ts";

export interface TestTarget {
  label: string;
  databaseUrl: string;
  /** Empties the database before a suite (PostgreSQL only; PGlite in memory starts empty). */
  reset(): Promise<void>;
}

/**
 * The PostgreSQL test database of this vitest worker: files in one worker run
 * one after another and reset it; files in other workers, running at the same
 * time, have their own.
 */
const WORKER_DATABASE = `zt_control_w${process.env.VITEST_POOL_ID ?? "0"}`;

/** PGlite in memory always; a PostgreSQL server too when ZENITH_TEST_PG_URL is set. */
export function testTargets(): TestTarget[] {
  const targets: TestTarget[] = [{ label: "PGlite", databaseUrl: "memory://", reset: async () => {} }];
  const base = process.env.ZENITH_TEST_PG_URL;
  if (base) {
    const url = new URL(base);
    url.pathname = `/${WORKER_DATABASE}`;
    targets.push({
      label: "PostgreSQL",
      databaseUrl: url.toString(),
      reset: async () => {
        await namedTestDatabase(base, WORKER_DATABASE);
        const db = await openDatabase({ kind: "postgres", url: url.toString() });
        try {
          await db.raw.exec("DROP SCHEMA public CASCADE; CREATE SCHEMA public;");
        } finally {
          await db.close();
        }
      },
    });
  }
  return targets;
}

/** Cheap scrypt so tests stay fast; the format and code path are the production ones. */
export const TEST_SCRYPT = { logN: 10, r: 8, p: 1 };

export const ADMIN_PASSWORD = "admin-secret";
export const DEMO_PASSWORD = "demo-secret";

export interface ApiResponse {
  status: number;
  headers: Headers;
  // biome-ignore lint/suspicious/noExplicitAny: tests read arbitrary JSON bodies.
  body: any;
  text: string;
}

export interface RequestOptions {
  token?: string;
  body?: unknown;
  /** Sent as is, for malformed-JSON tests. */
  rawBody?: string;
  headers?: Record<string, string>;
}

export type Scope =
  | { project: string }
  | { projectId: string }
  | { domain: string }
  | { system: true }
  | "unscoped"
  | undefined;

export class TestControl {
  constructor(
    readonly running: RunningControl,
    readonly target: TestTarget,
  ) {}

  get url(): string {
    return this.running.url;
  }

  /** An identity call: paths not under /identity are taken as under /identity/v3. */
  api(method: string, path: string, opts: RequestOptions = {}): Promise<ApiResponse> {
    return this.request(method, `${path.startsWith("/identity") ? "" : "/identity/v3"}${path}`, opts);
  }

  /** A call to any API of the control plane (compute, image, identity) by its full path. */
  async request(method: string, path: string, opts: RequestOptions = {}): Promise<ApiResponse> {
    const headers: Record<string, string> = { accept: "application/json", ...opts.headers };
    if (opts.token) headers["x-auth-token"] = opts.token;
    let body: string | undefined;
    if (opts.rawBody !== undefined || opts.body !== undefined) {
      headers["content-type"] ??= "application/json";
      body = opts.rawBody ?? JSON.stringify(opts.body);
    }
    const res = await fetch(`${this.url}${path}`, {
      method,
      headers,
      body,
    });
    const text = await res.text();
    let parsed: unknown = null;
    if (text) {
      try {
        parsed = JSON.parse(text);
      } catch {
        parsed = text;
      }
    }
    return { status: res.status, headers: res.headers, body: parsed, text };
  }

  /** Password login by user name in the Default domain; returns the raw response. */
  passwordAuth(name: string, password: string, scope: Scope, query = ""): Promise<ApiResponse> {
    return this.api("POST", `/auth/tokens${query}`, {
      body: {
        auth: {
          identity: {
            methods: ["password"],
            password: { user: { name, domain: { name: "Default" }, password } },
          },
          ...scopeBody(scope),
        },
      },
    });
  }

  async login(name: string, password: string, scope: Scope = undefined): Promise<string> {
    const res = await this.passwordAuth(name, password, scope);
    if (res.status !== 201) throw new Error(`login ${name} failed: ${res.status} ${res.text}`);
    return res.headers.get("x-subject-token") ?? "";
  }

  adminToken(): Promise<string> {
    return this.login("admin", ADMIN_PASSWORD, { project: "admin" });
  }

  close(): Promise<void> {
    return this.running.close();
  }
}

function scopeBody(scope: Scope): object {
  if (scope === undefined) return {};
  if (scope === "unscoped") return { scope: "unscoped" };
  if ("project" in scope) return { scope: { project: { name: scope.project, domain: { id: "default" } } } };
  if ("projectId" in scope) return { scope: { project: { id: scope.projectId } } };
  if ("domain" in scope) return { scope: { domain: { id: scope.domain } } };
  return { scope: { system: { all: true } } };
}

/** Starts the real control plane in-process on an ephemeral port. */
export async function startTestControl(
  target: TestTarget,
  opts: Partial<StartControlOptions> & { keepData?: boolean } = {},
): Promise<TestControl> {
  const { keepData, ...rest } = opts;
  if (!keepData) await target.reset();
  // A PostgreSQL control plane would otherwise keep its files in the shared `./.zenith`, where one
  // starting in another worker sweeps the temp files of this one's image writes. Like the database,
  // one folder per worker, emptied with it and kept across a restart (`keepData`).
  const workerDir =
    target.databaseUrl === "memory://" ? undefined : join(tmpdir(), `zenith-${WORKER_DATABASE}`);
  if (workerDir && !keepData && rest.dataDir === undefined)
    rmSync(workerDir, { recursive: true, force: true });
  const running = await startControl({
    port: 0,
    databaseUrl: target.databaseUrl,
    ...(workerDir ? { dataDir: workerDir } : {}),
    logLevel: "silent",
    scrypt: TEST_SCRYPT,
    adminPassword: ADMIN_PASSWORD,
    demoPassword: DEMO_PASSWORD,
    // Suites start from a cloud without networks unless they ask for DevStack's defaults.
    defaultNetworking: false,
    ...rest,
  });
  return new TestControl(running, target);
}

export function tempDir(prefix: string): { path: string; remove(): void } {
  const path = mkdtempSync(join(tmpdir(), prefix));
  return { path, remove: () => rmSync(path, { recursive: true, force: true }) };
}

/** Polls until `check` holds; tests wait for a state, never a fixed time. */
export async function waitFor(check: () => Promise<boolean>, timeoutMs = 10_000): Promise<void> {
  const end = Date.now() + timeoutMs;
  while (Date.now() < end) {
    if (await check()) return;
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error("condition not reached in time");
}
