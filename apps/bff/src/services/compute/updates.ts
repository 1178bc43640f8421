import type { Server } from "@zenith/api-client/nova";
import { sleep } from "../abortable-sleep.ts";
import type { Cloud } from "../cloud/clients.ts";
import { type Instance, toInstance } from "./instance-dto.ts";
import { joinNames } from "./joins.ts";
import type { Scope } from "./list-instances.ts";

export interface InstanceChanges {
  changed: Instance[];
  deleted: string[];
}

export interface WatchOptions {
  allProjects?: boolean | undefined;
  /** Ids the browser shows; their disappearance is reported even where Nova hides deleted servers. */
  watch?: string[] | undefined;
  intervalMs?: number;
  /** Every n-th poll also checks the watched ids (one summary listing). */
  sweepEvery?: number;
  signal?: AbortSignal | undefined;
  now?: () => number;
}

/** What makes a server "changed" for the portal: its update time and visible state. */
function fingerprint(s: Server): string {
  return [
    s.updated,
    s.status,
    s["OS-EXT-STS:task_state"] ?? "",
    s["OS-EXT-STS:power_state"] ?? "",
    s.name,
    s.locked,
  ].join("|");
}

/**
 * Polls `GET /servers/detail?changes-since=<t>` for one subscriber stream
 * and yields only what changed: one Nova call per interval per stream, never
 * one per row. `t` follows the newest `updated` seen (the cloud's clock, so
 * BFF clock skew does not lose changes); Nova's `>=` comparison at second
 * precision returns the last second again, so fingerprints drop repeats.
 * Deleted servers come back from changes-since with status DELETED
 * (upstream includes them); watched ids missing from a periodic summary
 * listing are reported deleted too, for clouds that do not.
 */
export async function* watchInstances(
  cloud: Cloud,
  scope: Scope,
  opts: WatchOptions = {},
): AsyncGenerator<InstanceChanges> {
  const interval = opts.intervalMs ?? 2000;
  const sweepEvery = opts.sweepEvery ?? 5;
  const now = opts.now ?? Date.now;
  const allTenants = scope.isAdmin && opts.allProjects === true;
  const nova = await cloud.nova();
  const watched = new Set(opts.watch ?? []);
  const seen = new Map<string, string>();
  // Start a little in the past: the page the browser holds was read just before subscribing.
  let since = new Date(now() - 10_000).toISOString();

  for (let poll = 1; !opts.signal?.aborted; poll++) {
    const servers = await nova.servers.detailAll({
      changesSince: since,
      allTenants: allTenants || undefined,
    });
    const deleted = new Set<string>();
    const live: Server[] = [];
    for (const s of servers) {
      const fp = fingerprint(s);
      if (seen.get(s.id) === fp) continue;
      seen.set(s.id, fp);
      if (s.status === "DELETED" || s["OS-EXT-STS:vm_state"] === "deleted") deleted.add(s.id);
      else live.push(s);
      if (Date.parse(s.updated) > Date.parse(since)) since = s.updated;
    }
    if (watched.size > 0 && poll % sweepEvery === 0) {
      const present = new Set(
        (await nova.servers.listAll({ allTenants: allTenants || undefined })).map((s) => s.id),
      );
      for (const id of watched) if (!present.has(id)) deleted.add(id);
    }
    for (const id of deleted) watched.delete(id);
    for (const s of live) watched.add(s.id);
    if (live.length > 0 || deleted.size > 0) {
      const names = await joinNames(cloud, scope.token, live, { projects: allTenants });
      yield {
        changed: live.map((s) => toInstance(s, names, { withProjectName: allTenants, admin: scope.isAdmin })),
        deleted: [...deleted],
      };
    }
    await sleep(interval, opts.signal);
  }
}
