"use client";

import { BarChart3, HardDrive, Network, Rocket } from "lucide-react";
import Link from "next/link";
import { DailyBarChart } from "@/components/charts/daily-bar-chart";
import { QuotaDonut } from "@/components/charts/quota-donut";
import { TableError } from "@/components/data-table/table-states";
import { EmptyState } from "@/components/empty-state";
import { buttonClasses } from "@/components/ui/button";
import { formatMb } from "@/lib/compute/format";
import { type RouterOutputs, trpc } from "@/trpc/react";
import { networkUsageItems } from "./network-usage";

function QuotaSkeleton() {
  return (
    <div aria-hidden className="grid gap-4 sm:grid-cols-2 xl:grid-cols-4">
      {["instances", "cores", "ram", "keys"].map((k) => (
        <div key={k} className="h-28 animate-pulse rounded-lg border border-border bg-surface" />
      ))}
    </div>
  );
}

/** The project's network quota use, in the same donuts as compute; a note on a cloud without networking. */
function NetworkUse({ network }: { network: RouterOutputs["compute"]["overview"]["network"] | undefined }) {
  if (network === undefined) return <QuotaSkeleton />;
  if (network === null) {
    return (
      <EmptyState icon={Network} title="No network service">
        <p>
          This cloud has no network (Neutron) service in its catalog, so there is no network quota to show.
        </p>
      </EmptyState>
    );
  }
  const items = networkUsageItems(network);
  if (items.length === 0) {
    return <p className="text-sm text-fg-muted">The network service reports no quotas for this project.</p>;
  }
  return (
    <div className="grid gap-4 sm:grid-cols-2 xl:grid-cols-4">
      {items.map((i) => (
        <QuotaDonut key={i.key} title={i.title} used={i.used} limit={i.limit} />
      ))}
    </div>
  );
}

/** The project's block storage quota use; a note on a cloud without a volume service. */
function VolumeUse({ volume }: { volume: RouterOutputs["compute"]["overview"]["volume"] | undefined }) {
  if (volume === undefined) return <QuotaSkeleton />;
  if (volume === null) {
    return (
      <EmptyState icon={HardDrive} title="No volume service">
        <p>
          This cloud has no block storage (Cinder) service in its catalog, so there is no volume quota to
          show.
        </p>
      </EmptyState>
    );
  }
  return (
    <div className="grid gap-4 sm:grid-cols-2 xl:grid-cols-4">
      <QuotaDonut title="Volumes" used={volume.volumes.used} limit={volume.volumes.limit} />
      <QuotaDonut
        title="Volume storage"
        used={volume.gigabytes.used}
        limit={volume.gigabytes.limit}
        format={(gb) => `${gb} GiB`}
      />
      <QuotaDonut title="Volume snapshots" used={volume.snapshots.used} limit={volume.snapshots.limit} />
      <QuotaDonut title="Volume backups" used={volume.backups.used} limit={volume.backups.limit} />
    </div>
  );
}

/** Quota use of the project (compute, network and volumes) and its compute usage of the last 14 days. */
export function ComputeOverview() {
  const overview = trpc.compute.overview.useQuery();
  if (overview.error && !overview.data) {
    return <TableError error={overview.error} onRetry={() => void overview.refetch()} />;
  }
  const data = overview.data;
  const days = data?.usage.days ?? [];
  const hasUsage = days.some((d) => d.vcpuHours > 0 || d.instances > 0);

  return (
    <div className="flex flex-col gap-6">
      <section aria-labelledby="quota-heading">
        <h2 id="quota-heading" className="mb-3 text-base font-semibold">
          Compute quota use
        </h2>
        {data ? (
          <div className="grid gap-4 sm:grid-cols-2 xl:grid-cols-4">
            <QuotaDonut
              title="Instances"
              used={data.quota.instances.used}
              limit={data.quota.instances.limit}
            />
            <QuotaDonut title="vCPUs" used={data.quota.cores.used} limit={data.quota.cores.limit} />
            <QuotaDonut
              title="RAM"
              used={data.quota.ram.used}
              limit={data.quota.ram.limit}
              format={formatMb}
            />
            <QuotaDonut title="Key pairs" used={data.quota.keyPairs.used} limit={data.quota.keyPairs.limit} />
          </div>
        ) : (
          <QuotaSkeleton />
        )}
      </section>
      <section aria-labelledby="network-quota-heading">
        <h2 id="network-quota-heading" className="mb-3 text-base font-semibold">
          Network quota use
        </h2>
        <NetworkUse network={data?.network} />
      </section>
      <section aria-labelledby="volume-quota-heading">
        <h2 id="volume-quota-heading" className="mb-3 text-base font-semibold">
          Volume quota use
        </h2>
        <VolumeUse volume={data?.volume} />
      </section>
      <section aria-labelledby="usage-heading">
        <h2 id="usage-heading" className="mb-3 text-base font-semibold">
          Usage, last 14 days
        </h2>
        {!data ? (
          <div aria-hidden className="h-56 animate-pulse rounded-lg border border-border bg-surface" />
        ) : hasUsage ? (
          <div className="grid gap-4 xl:grid-cols-2">
            <DailyBarChart
              title="vCPU hours per day"
              unit="vCPU hours"
              days={days.map((d) => ({ date: d.date, value: d.vcpuHours }))}
            />
            <DailyBarChart
              title="RAM GB-hours per day"
              unit="GB-hours"
              days={days.map((d) => ({ date: d.date, value: d.ramMbHours / 1024 }))}
            />
          </div>
        ) : (
          <EmptyState icon={BarChart3} title="No usage in the last 14 days">
            <p>Usage is counted while instances exist. Launch one to see it here.</p>
            <Link href="/project/instances/launch" className={`${buttonClasses("primary")} mt-3`}>
              <Rocket size={16} aria-hidden /> Launch instance
            </Link>
          </EmptyState>
        )}
      </section>
    </div>
  );
}
