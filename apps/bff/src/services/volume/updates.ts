import type { Volume } from "@zenith/api-client/cinder";
import { sleep } from "../abortable-sleep.ts";
import type { Cloud } from "../cloud/clients.ts";
import { instanceNames } from "../network/secfip-common.ts";
import type { VolumeScope } from "./scope.ts";
import { isTransitional, toVolumeRow, type VolumeRow, volumeFingerprint } from "./volume-dto.ts";

export interface VolumeChanges {
  changed: VolumeRow[];
  deleted: string[];
}

export interface VolumeWatchOptions {
  allProjects?: boolean | undefined;
  /** Poll interval while some volume is transitional. */
  busyIntervalMs?: number;
  /** Poll interval while everything is settled. */
  idleIntervalMs?: number;
  signal?: AbortSignal | undefined;
  now?: () => number;
}

/** Cinder prints times without a zone; they are UTC. */
function recentlyUpdated(v: Volume, now: number): boolean {
  if (!v.updated_at) return false;
  const text = /[zZ]|[+-]\d\d:?\d\d$/.test(v.updated_at) ? v.updated_at : `${v.updated_at}Z`;
  return now - Date.parse(text) < 15_000;
}

/**
 * Live volume status for one subscriber stream: one Cinder listing per
 * interval (fast while anything is creating, attaching, detaching…; slow
 * otherwise), yielding only volumes whose fingerprint changed and ids that
 * vanished. Cinder has no change feed a real cloud shares, so polling it is.
 */
export async function* watchVolumes(
  cloud: Cloud,
  scope: VolumeScope,
  opts: VolumeWatchOptions = {},
): AsyncGenerator<VolumeChanges> {
  const busy = opts.busyIntervalMs ?? 2000;
  const idle = opts.idleIntervalMs ?? 10_000;
  const wide = scope.isAdmin && opts.allProjects === true;
  const cinder = await cloud.cinder();
  let seen: Map<string, string> | null = null;
  while (!opts.signal?.aborted) {
    const volumes = await cinder.volumes.detailAll({ allTenants: wide || undefined });
    const next = new Map(volumes.map((v) => [v.id, volumeFingerprint(v)]));
    {
      // The first poll reports what is moving or moved just before the stream opened
      // (the browser's page was read a moment earlier); later ones what changed since.
      const changed: Volume[] =
        seen === null
          ? volumes.filter((v) => isTransitional(v.status) || recentlyUpdated(v, opts.now?.() ?? Date.now()))
          : volumes.filter((v) => seen?.get(v.id) !== next.get(v.id));
      const deleted = seen === null ? [] : [...seen.keys()].filter((id) => !next.has(id));
      if (changed.length > 0 || deleted.length > 0) {
        const ids = changed.flatMap((v) => v.attachments.flatMap((a) => a.server_id || []));
        const servers =
          ids.length > 0
            ? await instanceNames(await cloud.nova(), scope, { allProjects: wide, ids })
            : new Map<string, string>();
        yield { changed: changed.map((v) => toVolumeRow(v, servers)), deleted };
      }
    }
    seen = next;
    await sleep(volumes.some((v) => isTransitional(v.status)) ? busy : idle, opts.signal);
  }
}
