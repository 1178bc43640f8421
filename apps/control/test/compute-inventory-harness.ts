import { createTestDatabase, testPgUrl } from "@zenith/db/testing";
import type { ApiResponse, TestControl, TestTarget } from "./harness.ts";

/** Own database per file on PostgreSQL, so files never share state; PGlite in memory always. */
export async function inventoryTargets(
  label: string,
): Promise<Array<TestTarget & { drop(): Promise<void> }>> {
  const list: Array<TestTarget & { drop(): Promise<void> }> = [
    { label: "PGlite", databaseUrl: "memory://", reset: async () => {}, drop: async () => {} },
  ];
  const base = testPgUrl();
  if (base) {
    const db = await createTestDatabase(base, label);
    list.push({ label: "PostgreSQL", databaseUrl: db.url, reset: async () => {}, drop: db.drop });
  }
  return list;
}

/** A compute API call at an optional microversion; paths without /compute are under /compute/v2.1. */
export async function nova(
  tc: TestControl,
  method: string,
  path: string,
  opts: { token?: string; body?: unknown; mv?: string; headers?: Record<string, string> } = {},
): Promise<ApiResponse> {
  const headers: Record<string, string> = { accept: "application/json", ...opts.headers };
  if (opts.token) headers["x-auth-token"] = opts.token;
  if (opts.mv) headers["openstack-api-version"] = `compute ${opts.mv}`;
  if (opts.body !== undefined) headers["content-type"] = "application/json";
  const url = path.startsWith("/compute") ? path : `/compute/v2.1${path}`;
  const res = await fetch(`${tc.url}${url}`, {
    method,
    headers,
    body: opts.body === undefined ? undefined : JSON.stringify(opts.body),
  });
  const text = await res.text();
  return { status: res.status, headers: res.headers, body: text ? JSON.parse(text) : null, text };
}
