import type { FlavorInput } from "@zenith/api-client/nova";
import type { Cloud } from "../cloud/clients.ts";
import { flavorsWithSpecs, toFlavor } from "../compute/flavors.ts";

/** Every flavor, public and private (`is_public=None`). */
export async function listAllFlavors(cloud: Cloud) {
  return flavorsWithSpecs(await cloud.nova(), { all: true });
}

export async function createFlavor(
  cloud: Cloud,
  input: FlavorInput & { extraSpecs?: Record<string, string> | undefined },
) {
  const nova = await cloud.nova();
  const { extraSpecs, ...flavor } = input;
  const created = await nova.flavors.create(flavor);
  const specs =
    extraSpecs && Object.keys(extraSpecs).length > 0
      ? await nova.flavors.setExtraSpecs(created.id, extraSpecs)
      : {};
  return toFlavor(created, specs);
}

export async function deleteFlavor(cloud: Cloud, id: string) {
  await (await cloud.nova()).flavors.delete(id);
  return { ok: true as const };
}

export async function flavorAccess(cloud: Cloud, id: string) {
  const access = await (await cloud.nova()).flavors.access(id);
  return { projectIds: access.map((a) => a.tenant_id) };
}

/**
 * Makes a private flavor's access list exactly `projectIds`: the additions
 * and removals are computed against the current list and sent in parallel.
 */
export async function setFlavorAccess(cloud: Cloud, id: string, projectIds: string[]) {
  const nova = await cloud.nova();
  const current = new Set((await nova.flavors.access(id)).map((a) => a.tenant_id));
  const wanted = new Set(projectIds);
  await Promise.all([
    ...[...wanted].filter((p) => !current.has(p)).map((p) => nova.flavors.addAccess(id, p)),
    ...[...current].filter((p) => !wanted.has(p)).map((p) => nova.flavors.removeAccess(id, p)),
  ]);
  return flavorAccess(cloud, id);
}
