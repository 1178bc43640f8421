import { ZenithError } from "@zenith/core/errors";
import { type NetworkQuotaUsage, usageFromDetails } from "../admin/network-quotas.ts";
import type { Cloud } from "../cloud/clients.ts";
import { volumeUsage } from "../volume/quota.ts";
import { quotaFromLimits } from "./quota.ts";

/**
 * The project's network quota use (`/quotas/{project}/details`), or null
 * when the cloud has no network service in its catalog: the compute
 * overview still renders on a cloud without Neutron.
 */
export async function networkUsage(cloud: Cloud, projectId: string): Promise<NetworkQuotaUsage | null> {
  let neutron: Awaited<ReturnType<Cloud["neutron"]>>;
  try {
    neutron = await cloud.neutron();
  } catch (err) {
    if (err instanceof ZenithError && err.code === "SERVICE_UNAVAILABLE") return null;
    throw err;
  }
  return usageFromDetails(await neutron.quotas.details(projectId));
}

/**
 * Quota use of the project for every service. Usage over time is
 * `usage.project` (services/usage), read for the range the page shows.
 */
export async function computeOverview(cloud: Cloud, projectId: string) {
  const nova = await cloud.nova();
  const [limits, keyPairs, network, volume] = await Promise.all([
    nova.quotas.limits(),
    nova.keyPairs.list(),
    networkUsage(cloud, projectId),
    volumeUsage(cloud, projectId),
  ]);
  return { quota: quotaFromLimits(limits, keyPairs.length), network, volume };
}
