/**
 * Implied roles by name: admin implies member implies reader, as Keystone's
 * bootstrap sets them up. The schema has no implied-role table yet, so the
 * rules are fixed here.
 */
const IMPLIES: Record<string, readonly string[]> = {
  admin: ["member"],
  member: ["reader"],
};

/** The role names `names` imply, transitively, excluding `names` themselves. */
export function impliedRoleNames(names: Iterable<string>): string[] {
  const seen = new Set(names);
  const queue = [...seen];
  const implied: string[] = [];
  while (queue.length > 0) {
    const name = queue.shift();
    if (name === undefined) break;
    for (const next of IMPLIES[name] ?? []) {
      if (!seen.has(next)) {
        seen.add(next);
        implied.push(next);
        queue.push(next);
      }
    }
  }
  return implied;
}
