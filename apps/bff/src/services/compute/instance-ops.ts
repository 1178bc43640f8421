import { isOpenStackError } from "@zenith/api-client/http";
import type { NovaClient } from "@zenith/api-client/nova";
import type { ActionName } from "@zenith/compute-actions/actions";
import type { Cloud } from "../cloud/clients.ts";
import { toInstanceDetail } from "./instance-dto.ts";
import { joinNames } from "./joins.ts";
import type { Scope } from "./list-instances.ts";

export async function getInstance(cloud: Cloud, scope: Scope, id: string) {
  const nova = await cloud.nova();
  const server = await nova.servers.get(id);
  // Admins see other projects' servers; label them with the project name.
  const withProjectName = scope.isAdmin;
  const names = await joinNames(cloud, scope.token, [server], { projects: withProjectName });
  return toInstanceDetail(server, names, { withProjectName, admin: scope.isAdmin });
}

/** The actions `compute.instances.action` runs, named as in the shared action table (which says when each applies). */
export const INSTANCE_ACTIONS = [
  "start",
  "stop",
  "reboot",
  "hardReboot",
  "pause",
  "unpause",
  "suspend",
  "resume",
  "lock",
  "unlock",
  "delete",
  "confirmResize",
  "revertResize",
] as const satisfies readonly ActionName[];
export type InstanceAction = (typeof INSTANCE_ACTIONS)[number];

function runAction(nova: NovaClient, id: string, action: InstanceAction): Promise<void> {
  const s = nova.servers;
  switch (action) {
    case "hardReboot":
      return s.reboot(id, true);
    case "reboot":
      return s.reboot(id, false);
    case "delete":
      return s.delete(id);
    default:
      return s[action](id);
  }
}

/**
 * Bulk actions: every server in parallel, each result reported on its own
 * so one locked or busy server does not hide the others' success.
 */
export async function bulkAction(cloud: Cloud, ids: string[], action: InstanceAction) {
  const nova = await cloud.nova();
  const settled = await Promise.allSettled(ids.map((id) => runAction(nova, id, action)));
  return {
    results: settled.map((r, i) => {
      const id = ids[i] ?? "";
      if (r.status === "fulfilled") return { id, ok: true };
      const reason: unknown = r.reason;
      // Bugs (not upstream refusals) fail the whole call, so they reach the log with a request id.
      if (!isOpenStackError(reason)) throw reason;
      // Upstream messages are user-facing ("Cannot 'stop' instance while it is in vm_state stopped").
      const message = reason.status < 500 ? reason.message : "The action failed.";
      return { id, ok: false, message };
    }),
  };
}

export async function resizeInstance(cloud: Cloud, id: string, flavorId: string) {
  await (await cloud.nova()).servers.resize(id, flavorId);
  return { ok: true as const };
}

export async function rebuildInstance(
  cloud: Cloud,
  input: { id: string; imageId: string; name?: string | undefined },
) {
  await (await cloud.nova()).servers.rebuild(input.id, { imageRef: input.imageId, name: input.name });
  return { ok: true as const };
}

export async function snapshotInstance(cloud: Cloud, id: string, name: string) {
  return { imageId: await (await cloud.nova()).servers.createImage(id, name) };
}

export async function consoleLog(cloud: Cloud, id: string, lines?: number) {
  return { output: await (await cloud.nova()).servers.consoleOutput(id, lines) };
}

/**
 * A console for the browser. Serial URLs are WebSockets already; a noVNC
 * page URL names its WebSocket in `path` (`vnc_auto.html?path=%3Ftoken%3D…`),
 * resolved against the page's host as noVNC itself does.
 */
export async function remoteConsole(cloud: Cloud, id: string, kind: "serial" | "novnc") {
  const nova = await cloud.nova();
  const consoleInfo = await nova.servers.remoteConsole(id, kind === "serial" ? "serial" : "vnc", kind);
  return { kind, url: consoleInfo.url, websocketUrl: websocketUrlOf(kind, consoleInfo.url) };
}

export function websocketUrlOf(kind: "serial" | "novnc", url: string): string {
  if (kind === "serial") return url;
  const page = new URL(url);
  const path = (page.searchParams.get("path") ?? "").replace(/^\/+/, "");
  const scheme = page.protocol === "https:" ? "wss:" : "ws:";
  return `${scheme}//${page.host}/${path}`;
}

/** The action log with events: the list, then each action's events in parallel (newest 20). */
export async function actionLog(cloud: Cloud, id: string) {
  const nova = await cloud.nova();
  const actions = (await nova.servers.listActions(id)).slice(0, 20);
  const detailed = await Promise.all(
    actions.map((a) => nova.servers.getAction(id, a.request_id).catch(() => a)),
  );
  return detailed.map((a) => ({
    action: a.action,
    requestId: a.request_id,
    userId: a.user_id ?? null,
    startTime: a.start_time,
    message: a.message ?? null,
    events: (a.events ?? []).map((e) => ({
      event: e.event,
      result: e.result ?? null,
      startTime: e.start_time ?? null,
      finishTime: e.finish_time ?? null,
    })),
  }));
}
