import type { Flavor, NovaClient } from "@zenith/api-client/nova";
import type { Cloud } from "../cloud/clients.ts";

export function toFlavor(f: Flavor, extraSpecs: Record<string, string>) {
  return {
    id: f.id,
    name: f.name,
    vcpus: f.vcpus,
    ram: f.ram,
    disk: f.disk,
    ephemeral: f["OS-FLV-EXT-DATA:ephemeral"],
    swap: f.swap,
    isPublic: f["os-flavor-access:is_public"],
    extraSpecs,
  };
}
export type FlavorDto = ReturnType<typeof toFlavor>;

/** Flavors with extra specs: inline from 2.61; older clouds get one call per flavor, in parallel. */
export async function flavorsWithSpecs(nova: NovaClient, opts: { all?: boolean } = {}): Promise<FlavorDto[]> {
  const flavors = await nova.flavors.list(opts.all ? { isPublic: "all" } : {});
  const dtos = await Promise.all(
    flavors.map(async (f) =>
      toFlavor(f, f.extra_specs ?? (await nova.flavors.extraSpecs(f.id).catch(() => ({})))),
    ),
  );
  // Smallest first, as flavor pickers read.
  return dtos.sort(
    (a, b) => a.vcpus - b.vcpus || a.ram - b.ram || a.disk - b.disk || a.name.localeCompare(b.name),
  );
}

export async function listFlavors(cloud: Cloud) {
  return flavorsWithSpecs(await cloud.nova());
}
