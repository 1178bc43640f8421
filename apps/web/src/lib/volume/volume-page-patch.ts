import type { RouterOutputs } from "@/trpc/react";

type Volume = RouterOutputs["volume"]["list"]["items"][number];
type VolumePage = RouterOutputs["volume"]["list"];

export interface VolumeChanges {
  changed: Volume[];
  deleted: string[];
}

/** Applies pushed changes to one cached page: rows update in place, deleted rows go. */
export function patchVolumePage(
  page: VolumePage,
  changes: VolumeChanges,
): { page: VolumePage; unknown: Set<string>; removed: number } {
  const changed = new Map(changes.changed.map((v) => [v.id, v]));
  const deleted = new Set(changes.deleted);
  const unknown = new Set(changed.keys());
  let removed = 0;
  const items: Volume[] = [];
  for (const item of page.items) {
    if (deleted.has(item.id)) {
      removed++;
      continue;
    }
    unknown.delete(item.id);
    const update = changed.get(item.id);
    items.push(update ? { ...item, ...update, projectName: update.projectName ?? item.projectName } : item);
  }
  return { page: { ...page, items, total: Math.max(0, page.total - removed) }, unknown, removed };
}
