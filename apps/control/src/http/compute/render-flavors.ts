import { type FlavorRow, specsOf } from "../../services/compute/flavors.ts";
import { atLeast, type Microversion } from "./microversion.ts";
import type { ComputeLinks } from "./render-common.ts";

/** `GET /flavors` entries: id, name, links (+ description from 2.55). */
export function renderFlavorSummary(links: ComputeLinks, f: FlavorRow, mv: Microversion) {
  return {
    id: f.id,
    links: links.resource("flavors", f.id),
    name: f.name,
    ...(atLeast(mv, 2, 55) ? { description: f.description } : {}),
  };
}

/**
 * The full flavor. Below 2.75 a zero swap is "" (a Nova quirk clients
 * expect); description appears at 2.55, extra_specs at 2.61.
 */
export function renderFlavor(links: ComputeLinks, f: FlavorRow, mv: Microversion) {
  return {
    "OS-FLV-DISABLED:disabled": f.disabled,
    disk: f.diskGb,
    "OS-FLV-EXT-DATA:ephemeral": f.ephemeralGb,
    "os-flavor-access:is_public": f.isPublic,
    id: f.id,
    links: links.resource("flavors", f.id),
    name: f.name,
    ram: f.ramMb,
    swap: atLeast(mv, 2, 75) || f.swapMb !== 0 ? f.swapMb : "",
    vcpus: f.vcpus,
    rxtx_factor: f.rxtxFactor,
    ...(atLeast(mv, 2, 55) ? { description: f.description } : {}),
    ...(atLeast(mv, 2, 61) ? { extra_specs: specsOf(f) } : {}),
  };
}

export function renderFlavorAccess(flavorId: string, projects: string[]) {
  return { flavor_access: projects.map((tenant_id) => ({ flavor_id: flavorId, tenant_id })) };
}
