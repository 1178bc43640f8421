"use client";

import { HardDrive, Network } from "lucide-react";
import { QuotaDonut } from "@/components/charts/quota-donut";
import { TableError } from "@/components/data-table/table-states";
import { EmptyState } from "@/components/empty-state";
import { formatMb } from "@/lib/compute/format";
import { type RouterOutputs, trpc } from "@/trpc/react";
import { networkUsageItems } from "./network-usage";
import { type QuotaRow, QuotaTable } from "./quota-table";

function QuotaSkeleton() {
  return (
    <div aria-hidden className="grid gap-4 sm:grid-cols-2 xl:grid-cols-4">
      {["instances", "cores", "ram", "keys"].map((k) => (
        <div key={k} className="h-28 animate-pulse rounded-lg border border-border bg-surface" />
      ))}
    </div>
  );
}

/** Donuts of used against limit, and the same numbers as a table. */
function QuotaGrid({ title, rows }: { title: string; rows: readonly QuotaRow[] }) {
  return (
    <>
      <div className="grid gap-4 sm:grid-cols-2 xl:grid-cols-4">
        {rows.map((r) => (
          <QuotaDonut key={r.key} title={r.title} used={r.used} limit={r.limit} format={r.format} />
        ))}
      </div>
      <QuotaTable title={title} rows={rows} />
    </>
  );
}

type Overview = RouterOutputs["compute"]["overview"];

/** The project's network quota use; a note on a cloud without networking. */
function NetworkUse({ network }: { network: Overview["network"] | undefined }) {
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
  return <QuotaGrid title="Network quota use" rows={items} />;
}

/** The project's block storage quota use; a note on a cloud without a volume service. */
function VolumeUse({ volume }: { volume: Overview["volume"] | undefined }) {
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
    <QuotaGrid
      title="Volume quota use"
      rows={[
        { key: "volumes", title: "Volumes", ...volume.volumes },
        { key: "gigabytes", title: "Volume storage", ...volume.gigabytes, format: (gb) => `${gb} GiB` },
        { key: "snapshots", title: "Volume snapshots", ...volume.snapshots },
        { key: "backups", title: "Volume backups", ...volume.backups },
      ]}
    />
  );
}

/** Quota use of the project for every service: compute, network and volumes. */
export function ComputeOverview() {
  const overview = trpc.compute.overview.useQuery();
  if (overview.error && !overview.data) {
    return <TableError error={overview.error} onRetry={() => void overview.refetch()} />;
  }
  const data = overview.data;

  return (
    <div className="flex flex-col gap-6">
      <section aria-labelledby="quota-heading">
        <h2 id="quota-heading" className="mb-3 text-base font-semibold">
          Compute quota use
        </h2>
        {data ? (
          <QuotaGrid
            title="Compute quota use"
            rows={[
              { key: "instances", title: "Instances", ...data.quota.instances },
              { key: "cores", title: "vCPUs", ...data.quota.cores },
              { key: "ram", title: "RAM", ...data.quota.ram, format: formatMb },
              { key: "keyPairs", title: "Key pairs", ...data.quota.keyPairs },
            ]}
          />
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
    </div>
  );
}
