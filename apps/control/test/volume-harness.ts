import { randomUUID } from "node:crypto";
import { readFileSync } from "node:fs";
import {
  type ApiResponse,
  DEMO_PASSWORD,
  startTestControl,
  type TestControl,
  type TestTarget,
} from "./harness.ts";

/** A block-storage call at an optional microversion; `path` is under `/volume/v3/{projectId}` unless it starts with /volume. */
export async function cinder(
  tc: TestControl,
  method: string,
  path: string,
  opts: {
    token?: string;
    projectId?: string;
    body?: unknown;
    mv?: string;
    headers?: Record<string, string>;
  } = {},
): Promise<ApiResponse> {
  const headers: Record<string, string> = { accept: "application/json", ...opts.headers };
  if (opts.token) headers["x-auth-token"] = opts.token;
  if (opts.mv) headers["openstack-api-version"] = `volume ${opts.mv}`;
  if (opts.body !== undefined) headers["content-type"] = "application/json";
  const url = /^\/volume(\/|$)/.test(path) ? path : `/volume/v3/${opts.projectId ?? "none"}${path}`;
  const res = await fetch(`${tc.url}${url}`, {
    method,
    headers,
    body: opts.body === undefined ? undefined : JSON.stringify(opts.body),
  });
  const text = await res.text();
  let body: unknown = null;
  if (text) {
    try {
      body = JSON.parse(text);
    } catch {
      body = text;
    }
  }
  return { status: res.status, headers: res.headers, body, text };
}

/**
 * A volume row as the volume service will write it (volumes are not served
 * yet): quotas, limits and type deletion count these.
 */
export async function insertVolume(
  tc: TestControl,
  data: { projectId: string; volumeTypeId: string; sizeGb: number; deleted?: boolean },
): Promise<string> {
  const id = randomUUID();
  await tc.running.db.prisma.volume.create({
    data: {
      id,
      projectId: data.projectId,
      userId: "someone",
      sizeGb: data.sizeGb,
      status: "available",
      volumeTypeId: data.volumeTypeId,
      deletedAt: data.deleted ? new Date() : null,
    },
  });
  return id;
}

/** Cinder's API samples (the reference the shapes are checked against). */
const SAMPLES = "/work/shared/reference/cinder/v3/samples";
// biome-ignore lint/suspicious/noExplicitAny: reference samples are arbitrary JSON.
export function sample(name: string): any {
  return JSON.parse(readFileSync(`${SAMPLES}/${name}`, "utf8"));
}

export function keys(o: object): string[] {
  return Object.keys(o).sort();
}

/** The real control plane with an admin and a demo (member) token, and both projects' ids. */
export interface VolumeTestCloud {
  tc: TestControl;
  admin: string;
  demo: string;
  adminProject: string;
  demoProject: string;
}

export async function startVolumeCloud(target: TestTarget): Promise<VolumeTestCloud> {
  const tc = await startTestControl(target);
  const admin = await tc.adminToken();
  const demo = await tc.login("demo", DEMO_PASSWORD, { project: "demo" });
  const projectId = async (name: string): Promise<string> =>
    (await tc.api("GET", `/projects?name=${name}`, { token: admin })).body.projects[0].id;
  return { tc, admin, demo, adminProject: await projectId("admin"), demoProject: await projectId("demo") };
}
