/**
 * The order the idle prefetch reads a section's entries in: nearest to the
 * current page first (the one below it, the one above, two below…), as a
 * reader moves along the side navigation; the current page itself is left out.
 */
export function idleOrder(hrefs: readonly string[], current: string): string[] {
  const at = hrefs.indexOf(current);
  if (at < 0) return [...hrefs];
  const out: string[] = [];
  for (let step = 1; out.length < hrefs.length - 1; step++) {
    const below = hrefs[at + step];
    const above = hrefs[at - step];
    if (below !== undefined) out.push(below);
    if (above !== undefined) out.push(above);
  }
  return out;
}

/**
 * What the idle prefetch may read from `current`: the entries of its area
 * (the section holding it) and the entry on each side of that area (the
 * previous section's last, the next one's first), where a reader moving
 * along the navigation goes next; none when `current` is not an entry.
 */
export function idleCandidates(
  sections: readonly { items: readonly { href: string }[] }[],
  current: string,
): string[] {
  const at = sections.findIndex((section) => section.items.some((item) => item.href === current));
  const area = sections[at];
  if (!area) return [];
  const before = sections[at - 1]?.items.at(-1)?.href;
  const after = sections[at + 1]?.items[0]?.href;
  const hrefs = [
    ...(before === undefined ? [] : [before]),
    ...area.items.map((item) => item.href),
    ...(after === undefined ? [] : [after]),
  ];
  return idleOrder(hrefs, current);
}

/** Runs `task` over `items`, at most `limit` at a time; a failed task does not stop the others. */
export async function runPooled<T>(
  items: readonly T[],
  limit: number,
  task: (item: T) => Promise<void>,
): Promise<void> {
  let next = 0;
  const worker = async () => {
    while (next < items.length) {
      const item = items[next++] as T;
      try {
        await task(item);
      } catch {
        // A prefetch that fails is left to the page's own hook (it shows the error when opened).
      }
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
}
