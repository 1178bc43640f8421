import type { FlavorSnapshot } from "../flavor-snapshot.ts";

/** What one instance consumes on a host: the unit of a claim. */
export interface ResourceRequest {
  vcpus: number;
  memoryMb: number;
  diskGb: number;
}

/** Nova counts root + ephemeral + swap (rounded up to GiB) against local disk. */
export function resourcesOf(flavor: FlavorSnapshot): ResourceRequest {
  return {
    vcpus: flavor.vcpus,
    memoryMb: flavor.ram,
    diskGb: flavor.disk + flavor.ephemeral + Math.ceil(flavor.swap / 1024),
  };
}
