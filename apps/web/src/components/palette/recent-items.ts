import { z } from "zod";

/** How many recent items the palette keeps (and shows when its query is empty). */
export const MAX_RECENT = 10;

const ZRecentItem = z.discriminatedUnion("type", [
  z.object({ type: z.literal("page"), href: z.string().max(512), label: z.string().max(255) }),
  z.object({
    type: z.literal("resource"),
    kind: z.string().max(32),
    id: z.string().max(255),
    name: z.string().max(255),
    href: z.string().max(512),
  }),
]);
export type RecentItem = z.infer<typeof ZRecentItem>;

const ZRecentList = z.array(ZRecentItem).max(MAX_RECENT);

/** One list per user (people share browsers), under a key that names the palette. */
export function recentKey(userId: string): string {
  return `zenith.palette.recent.${userId}`;
}

/** The user's recent items; anything unreadable (an older shape, a hand edit) reads as none. */
export function readRecent(storage: Pick<Storage, "getItem">, userId: string): RecentItem[] {
  try {
    const raw = storage.getItem(recentKey(userId));
    if (!raw) return [];
    const parsed = ZRecentList.safeParse(JSON.parse(raw));
    return parsed.success ? parsed.data : [];
  } catch {
    return [];
  }
}

const sameItem = (a: RecentItem, b: RecentItem) => a.href === b.href;

/** Puts an item first, drops its older copy and keeps at most MAX_RECENT. */
export function withRecent(items: readonly RecentItem[], item: RecentItem): RecentItem[] {
  return [item, ...items.filter((other) => !sameItem(other, item))].slice(0, MAX_RECENT);
}

export function rememberRecent(
  storage: Pick<Storage, "getItem" | "setItem">,
  userId: string,
  item: RecentItem,
): void {
  try {
    storage.setItem(recentKey(userId), JSON.stringify(withRecent(readRecent(storage, userId), item)));
  } catch {
    // A full or disabled storage only loses the history.
  }
}
