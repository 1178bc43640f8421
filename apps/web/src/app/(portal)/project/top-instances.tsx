"use client";

import { Activity } from "lucide-react";
import Link from "next/link";
import { useFormatter, useTranslations } from "next-intl";
import { useState } from "react";
import { TableError } from "@/components/data-table/table-states";
import { EmptyState } from "@/components/empty-state";
import { Button } from "@/components/ui/button";
import { RankedBars } from "@/components/usage/ranked-bars";
import { formatBytes } from "@/i18n/format";
import { TOP_INSTANCES_INPUT } from "@/trpc/page-queries";
import { type TopRange, useTopInstances } from "./use-top-instances";

const RANGES: readonly TopRange[] = ["1h", "24h", "7d", "30d"];

interface Ranked {
  id: string;
  name: string;
  value: number;
}

function TopList({
  title,
  unit,
  items,
  format,
}: {
  title: string;
  unit: string;
  items: Ranked[];
  format: (n: number) => string;
}) {
  const t = useTranslations("usage.top");
  if (items.length === 0) {
    return (
      <div className="rounded-lg border border-border bg-surface p-4">
        <h3 className="text-sm font-semibold">{title}</h3>
        <p className="mt-2 text-sm text-fg-muted">{t("noUse")}</p>
      </div>
    );
  }
  return (
    <div>
      <RankedBars
        title={title}
        unit={unit}
        format={format}
        items={items.map((i) => ({ key: i.id, label: i.name || i.id, value: i.value }))}
      />
      <ul aria-label={t("instancesOf", { title })} className="mt-2 flex flex-wrap gap-x-3 text-xs">
        {items.map((i) => (
          <li key={i.id}>
            <Link href={`/project/instances/${i.id}`} className="text-accent hover:underline">
              {i.name || i.id}
            </Link>
          </li>
        ))}
      </ul>
    </div>
  );
}

/** The project's busiest instances by CPU and by network, from the metric service. */
export function TopInstances() {
  const [range, setRange] = useState<TopRange>(TOP_INSTANCES_INPUT.range);
  const top = useTopInstances({ range, limit: TOP_INSTANCES_INPUT.limit });
  const data = top.data;
  const t = useTranslations("usage.top");
  const format = useFormatter();
  return (
    <section aria-labelledby="top-heading" className="flex flex-col gap-3">
      <div className="flex flex-wrap items-center justify-between gap-3">
        <h2 id="top-heading" className="text-base font-semibold">
          {t("title")}
        </h2>
        <fieldset className="flex gap-1">
          <legend className="sr-only">{t("rangeLegend")}</legend>
          {RANGES.map((r) => (
            <Button
              key={r}
              size="sm"
              variant={r === range ? "primary" : "ghost"}
              aria-pressed={r === range}
              onClick={() => setRange(r)}
            >
              {t("ranges", { range: r })}
            </Button>
          ))}
        </fieldset>
      </div>
      {top.error && !data ? (
        <TableError error={top.error} onRetry={top.refetch} />
      ) : !data ? (
        <div aria-hidden className="h-40 animate-pulse rounded-lg border border-border bg-surface" />
      ) : !data.available ? (
        <EmptyState icon={Activity} title={t("noMetrics")}>
          <p>{t("noMetricsHint")}</p>
        </EmptyState>
      ) : (
        <div className="grid gap-4 xl:grid-cols-2">
          <TopList
            title={t("byCpu", { range })}
            unit={t("cpuUnit")}
            items={data.byCpu}
            format={(n) => `${n.toFixed(1)}`}
          />
          <TopList
            title={t("byNetwork", { range })}
            unit={t("networkUnit")}
            items={data.byNetwork}
            format={(n) => t("perSecond", { size: formatBytes(format, n) })}
          />
        </div>
      )}
    </section>
  );
}
