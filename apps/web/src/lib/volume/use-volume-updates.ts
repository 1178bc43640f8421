"use client";

import { useRef } from "react";
import { trpc } from "@/trpc/react";
import { patchVolumePage } from "./volume-page-patch";

/**
 * Keeps cached volume lists and details current from the BFF's stream
 * (`volume.updates`): rows are patched in place; lists refetch only when a
 * volume appeared that no cached page holds, or one left. The BFF polls
 * Cinder fast while anything is creating, attaching or detaching.
 */
export function useVolumeUpdates(options: { allProjects?: boolean } = {}): void {
  const utils = trpc.useUtils();
  const starts = useRef(0);
  trpc.volume.updates.useSubscription(
    { allProjects: options.allProjects },
    {
      onStarted: () => {
        if (starts.current++ > 0) void utils.volume.invalidate();
      },
      onData: (changes) => {
        let refetch = false;
        const unknownEverywhere = new Set(changes.changed.map((v) => v.id));
        utils.volume.list.setQueriesData({}, {}, (old) => {
          if (!old) return old;
          const result = patchVolumePage(old, changes);
          for (const v of changes.changed) if (!result.unknown.has(v.id)) unknownEverywhere.delete(v.id);
          if (result.removed > 0) refetch = true;
          return result.page;
        });
        if (unknownEverywhere.size > 0) refetch = true;
        for (const v of changes.changed) {
          utils.volume.get.setData({ id: v.id }, (old) =>
            old ? { ...old, ...v, projectName: old.projectName } : old,
          );
        }
        for (const id of changes.deleted) void utils.volume.get.invalidate({ id });
        // Attachments show on instances too; their volume tabs re-read.
        if (changes.changed.some((v) => v.attachments.length > 0 || v.status === "available")) {
          void utils.volume.attachments.forInstance.invalidate();
        }
        if (refetch) void utils.volume.list.invalidate();
      },
    },
  );
}
