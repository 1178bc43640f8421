"use client";

import { useRef } from "react";
import { type RouterOutputs, trpc } from "@/trpc/react";
import type { InstancePatch } from "./instance-actions";

type Instance = RouterOutputs["compute"]["instances"]["list"]["items"][number];
type InstancePage = RouterOutputs["compute"]["instances"]["list"];

export interface InstanceChanges {
  changed: Instance[];
  deleted: string[];
}

interface PatchResult {
  page: InstancePage;
  /** Changed ids that were not on this page. */
  unknown: Set<string>;
  removed: number;
}

/** Applies pushed changes to one cached page: rows update in place, deleted rows go. */
export function patchInstancePage(page: InstancePage, changes: InstanceChanges): PatchResult {
  const changed = new Map(changes.changed.map((i) => [i.id, i]));
  const deleted = new Set(changes.deleted);
  const unknown = new Set(changed.keys());
  let removed = 0;
  const items: Instance[] = [];
  for (const item of page.items) {
    if (deleted.has(item.id)) {
      removed++;
      continue;
    }
    const update = changed.get(item.id);
    unknown.delete(item.id);
    items.push(update ? { ...item, ...update, projectName: update.projectName ?? item.projectName } : item);
  }
  return { page: { ...page, items, total: Math.max(0, page.total - removed) }, unknown, removed };
}

type Utils = ReturnType<typeof trpc.useUtils>;

/**
 * Shows the state Nova reported on accepting an action, on rows no push has
 * touched since the request went out (a newer pushed state always wins).
 */
export function applyAcceptedState(
  utils: Utils,
  ids: readonly string[],
  patch: InstancePatch,
  sentAt: number,
): void {
  const targets = new Set(ids);
  const fresh = (i: { id: string; updated: string }) => targets.has(i.id) && Date.parse(i.updated) < sentAt;
  utils.compute.instances.list.setQueriesData({}, {}, (old) =>
    old ? { ...old, items: old.items.map((i) => (fresh(i) ? { ...i, ...patch } : i)) } : old,
  );
  for (const id of ids) {
    utils.compute.instances.get.setData({ id }, (old) => (old && fresh(old) ? { ...old, ...patch } : old));
  }
}

/**
 * Keeps every cached instance list and instance detail current from the
 * BFF's push stream (`compute.instances.updates`, server-sent events): rows
 * are patched in the React Query cache, and the lists refetch once only when
 * an instance appeared that no cached page holds or a row left a page.
 * No per-row polling.
 */
export function useInstanceUpdates(options: { allProjects?: boolean; watch?: readonly string[] } = {}): void {
  const utils = trpc.useUtils();
  const starts = useRef(0);
  // Sorted, so the same page never restarts the stream.
  const watch = options.watch ? [...options.watch].sort() : undefined;

  trpc.compute.instances.updates.useSubscription(
    { allProjects: options.allProjects, watch },
    {
      onStarted: () => {
        // After a reconnect, changes may have been missed while the stream was down.
        if (starts.current++ > 0) void utils.compute.instances.invalidate();
      },
      onData: (changes) => {
        let refetchLists = false;
        const seen = new Set<string>();
        const unknownEverywhere = new Set(changes.changed.map((i) => i.id));
        utils.compute.instances.list.setQueriesData({}, {}, (old) => {
          if (!old) return old;
          const result = patchInstancePage(old, changes);
          for (const id of changes.changed.map((i) => i.id)) {
            if (!result.unknown.has(id)) seen.add(id);
          }
          if (result.removed > 0) refetchLists = true;
          return result.page;
        });
        for (const id of seen) unknownEverywhere.delete(id);
        if (unknownEverywhere.size > 0) refetchLists = true;

        for (const instance of changes.changed) {
          utils.compute.instances.get.setData({ id: instance.id }, (old) =>
            old ? { ...old, ...instance, projectName: instance.projectName ?? old.projectName } : old,
          );
        }
        for (const id of changes.deleted) void utils.compute.instances.get.invalidate({ id });
        if (changes.changed.length > 0) void utils.compute.overview.invalidate();
        if (refetchLists) void utils.compute.instances.list.invalidate();
      },
    },
  );
}
