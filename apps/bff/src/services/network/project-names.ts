import { TtlCache } from "../cache.ts";
import type { Cloud } from "../cloud/clients.ts";

const cache = new TtlCache<string | null>(60_000);

/**
 * Names of the projects on one page (admin views), one Keystone call per
 * distinct id, in parallel and cached per token; an unknown project keeps
 * no name rather than failing the page.
 */
export async function projectNames(
  cloud: Cloud,
  token: string,
  ids: readonly (string | null | undefined)[],
): Promise<Map<string, string>> {
  const unique = [...new Set(ids.filter((id): id is string => !!id))];
  const names = await Promise.all(
    unique.map((id) =>
      cache
        .get(`${token}:${id}`, () => cloud.keystone.projects.get(id).then((p) => p.name))
        .catch(() => null),
    ),
  );
  const map = new Map<string, string>();
  unique.forEach((id, i) => {
    const name = names[i];
    if (name) map.set(id, name);
  });
  return map;
}
