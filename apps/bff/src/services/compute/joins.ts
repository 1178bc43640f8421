import type { Flavor, Server } from "@zenith/api-client/nova";
import { TtlCache } from "../cache.ts";
import type { Cloud } from "../cloud/clients.ts";
import type { FlavorRef, JoinedNames } from "./instance-dto.ts";

/**
 * Joins for one page of servers: only the ids on the page are looked up,
 * all in parallel, each through a short cache keyed by token (what a user may
 * see depends on who asks). A missing flavor, image or project (deleted, or
 * hidden by policy) leaves its name unknown instead of failing the page.
 */
const SHORT = 15_000;
const flavorCache = new TtlCache<Flavor | null>(SHORT);
const flavorListCache = new TtlCache<Flavor[]>(SHORT);
const imageCache = new TtlCache<string | null>(SHORT);
const projectCache = new TtlCache<string | null>(60_000);

export function clearJoinCaches(): void {
  for (const c of [flavorCache, flavorListCache, imageCache, projectCache]) c.clear();
}

const orNull = <T>(p: Promise<T>): Promise<T | null> => p.catch(() => null);

export async function joinNames(
  cloud: Cloud,
  token: string,
  servers: Server[],
  opts: { projects: boolean },
): Promise<JoinedNames> {
  const flavorIds = unique(servers.map((s) => s.flavor.id));
  // From 2.47 servers embed their flavor without an id; the id comes from the flavor list by name.
  const needsFlavorList = servers.some((s) => s.flavor.id === undefined);
  const imageIds = unique(servers.map((s) => (s.image === "" ? undefined : s.image.id)));
  const projectIds = opts.projects ? unique(servers.map((s) => s.tenant_id)) : [];

  const [flavors, flavorList, images, projects] = await Promise.all([
    Promise.all(
      flavorIds.map((id) =>
        flavorCache.get(`${token}:${id}`, async () => orNull((await cloud.nova()).flavors.get(id))),
      ),
    ),
    needsFlavorList
      ? flavorListCache.get(token, async () => (await cloud.nova()).flavors.list()).catch((): Flavor[] => [])
      : Promise.resolve([]),
    Promise.all(
      imageIds.map((id) =>
        imageCache.get(`${token}:${id}`, async () =>
          orNull((await cloud.glance()).get(id).then((i) => i.name ?? "")),
        ),
      ),
    ),
    Promise.all(
      projectIds.map((id) =>
        projectCache.get(`${token}:${id}`, () => orNull(cloud.keystone.projects.get(id).then((p) => p.name))),
      ),
    ),
  ]);

  const flavorById = new Map<string, Flavor>();
  for (const f of [...flavorList, ...flavors]) if (f) flavorById.set(f.id, f);
  const flavorIdByName = new Map(flavorList.map((f) => [f.name, f.id]));
  const imageNames = zipDefined(imageIds, images);
  const projectNames = zipDefined(projectIds, projects);

  return {
    flavor(server: Server): FlavorRef {
      const f = server.flavor;
      if (f.id !== undefined) {
        const known = flavorById.get(f.id);
        return {
          id: f.id,
          name: known?.name ?? f.id,
          vcpus: known?.vcpus ?? 0,
          ram: known?.ram ?? 0,
          disk: known?.disk ?? 0,
        };
      }
      const name = f.original_name ?? "";
      return {
        id: flavorIdByName.get(name) ?? "",
        name,
        vcpus: f.vcpus ?? 0,
        ram: f.ram ?? 0,
        disk: f.disk ?? 0,
      };
    },
    imageName: (id) => imageNames.get(id),
    projectName: (id) => projectNames.get(id),
  };
}

function unique(values: (string | undefined)[]): string[] {
  return [...new Set(values.filter((v): v is string => v !== undefined && v !== ""))];
}

function zipDefined(keys: string[], values: (string | null)[]): Map<string, string> {
  const map = new Map<string, string>();
  keys.forEach((key, i) => {
    const value = values[i];
    if (value !== null && value !== undefined) map.set(key, value);
  });
  return map;
}
