import type { AbsoluteLimits } from "@zenith/api-client/nova";

export interface Usage {
  used: number;
  /** -1 means unlimited, as Nova says it. */
  limit: number;
}

export interface ComputeQuota {
  instances: Usage;
  cores: Usage;
  ram: Usage;
  keyPairs: Usage;
}

export function quotaFromLimits(limits: AbsoluteLimits, keyPairCount: number): ComputeQuota {
  return {
    instances: { used: limits.totalInstancesUsed ?? 0, limit: limits.maxTotalInstances ?? -1 },
    cores: { used: limits.totalCoresUsed ?? 0, limit: limits.maxTotalCores ?? -1 },
    ram: { used: limits.totalRAMUsed ?? 0, limit: limits.maxTotalRAMSize ?? -1 },
    // Key pairs are per user in Nova, so `/limits` has no usage for them: it is the user's count.
    keyPairs: { used: keyPairCount, limit: limits.maxTotalKeypairs ?? -1 },
  };
}

function left(u: Usage): number {
  return u.limit < 0 ? Number.POSITIVE_INFINITY : Math.max(0, u.limit - u.used);
}

/** Why one more instance of this size does not fit the project's quota, or undefined when it does. */
export function quotaReason(quota: ComputeQuota, flavor: { vcpus: number; ram: number }): string | undefined {
  if (left(quota.instances) < 1) return `Not enough instance quota: 1 needed, 0 left`;
  const cores = left(quota.cores);
  if (cores < flavor.vcpus) return `Not enough vCPU quota: ${flavor.vcpus} needed, ${cores} left`;
  const ram = left(quota.ram);
  if (ram < flavor.ram) return `Not enough RAM quota: ${flavor.ram} MB needed, ${ram} MB left`;
  return undefined;
}
