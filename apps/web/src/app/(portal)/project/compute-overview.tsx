"use client";

import { HardDrive, Network } from "lucide-react";
import { useFormatter, useTranslations } from "next-intl";
import { QuotaDonut } from "@/components/charts/quota-donut";
import { TableError } from "@/components/data-table/table-states";
import { EmptyState } from "@/components/empty-state";
import { formatBytes, formatMb } from "@/i18n/format";
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
  const t = useTranslations("usage.quotas");
  if (network === undefined) return <QuotaSkeleton />;
  if (network === null) {
    return (
      <EmptyState icon={Network} title={t("noNetworkService")}>
        <p>{t("noNetworkServiceHint")}</p>
      </EmptyState>
    );
  }
  const items = networkUsageItems(network);
  if (items.length === 0) {
    return <p className="text-sm text-fg-muted">{t("noNetworkQuotas")}</p>;
  }
  return (
    <QuotaGrid
      title={t("network")}
      rows={items.map((item) => ({ ...item, title: t(`items.${item.key}`) }))}
    />
  );
}

/** The project's block storage quota use; a note on a cloud without a volume service. */
function VolumeUse({ volume }: { volume: Overview["volume"] | undefined }) {
  const t = useTranslations("usage.quotas");
  const format = useFormatter();
  if (volume === undefined) return <QuotaSkeleton />;
  if (volume === null) {
    return (
      <EmptyState icon={HardDrive} title={t("noVolumeService")}>
        <p>{t("noVolumeServiceHint")}</p>
      </EmptyState>
    );
  }
  return (
    <QuotaGrid
      title={t("volume")}
      rows={[
        { key: "volumes", title: t("items.volumes"), ...volume.volumes },
        {
          key: "gigabytes",
          title: t("items.gigabytes"),
          ...volume.gigabytes,
          // Cinder counts GiB; the formatter prints binary multiples.
          format: (gb) => formatBytes(format, gb * 1024 ** 3),
        },
        { key: "snapshots", title: t("items.snapshots"), ...volume.snapshots },
        { key: "backups", title: t("items.backups"), ...volume.backups },
      ]}
    />
  );
}

/** Quota use of the project for every service: compute, network and volumes. */
export function ComputeOverview() {
  const overview = trpc.compute.overview.useQuery();
  const t = useTranslations("usage.quotas");
  const format = useFormatter();
  if (overview.error && !overview.data) {
    return <TableError error={overview.error} onRetry={() => void overview.refetch()} />;
  }
  const data = overview.data;

  return (
    <div className="flex flex-col gap-6">
      <section aria-labelledby="quota-heading">
        <h2 id="quota-heading" className="mb-3 text-base font-semibold">
          {t("compute")}
        </h2>
        {data ? (
          <QuotaGrid
            title={t("compute")}
            rows={[
              { key: "instances", title: t("items.instances"), ...data.quota.instances },
              { key: "cores", title: t("items.cores"), ...data.quota.cores },
              { key: "ram", title: t("items.ram"), ...data.quota.ram, format: (mb) => formatMb(format, mb) },
              { key: "keyPairs", title: t("items.keyPairs"), ...data.quota.keyPairs },
            ]}
          />
        ) : (
          <QuotaSkeleton />
        )}
      </section>
      <section aria-labelledby="network-quota-heading">
        <h2 id="network-quota-heading" className="mb-3 text-base font-semibold">
          {t("network")}
        </h2>
        <NetworkUse network={data?.network} />
      </section>
      <section aria-labelledby="volume-quota-heading">
        <h2 id="volume-quota-heading" className="mb-3 text-base font-semibold">
          {t("volume")}
        </h2>
        <VolumeUse volume={data?.volume} />
      </section>
    </div>
  );
}
