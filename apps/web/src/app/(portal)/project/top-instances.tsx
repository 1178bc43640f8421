"use client";

import { Activity } from "lucide-react";
import Link from "next/link";
import { useState } from "react";
import { TableError } from "@/components/data-table/table-states";
import { EmptyState } from "@/components/empty-state";
import { Button } from "@/components/ui/button";
import { RankedBars } from "@/components/usage/ranked-bars";
import { type TopBy, type TopRange, useTopInstances } from "./use-top-instances";

const RANGES: readonly TopRange[] = ["1h", "24h", "7d", "30d"];
const TITLES: Record<TopBy, string> = { cpu: "By CPU", network: "By network" };

function TopList({ by, range }: { by: TopBy; range: TopRange }) {
  const top = useTopInstances({ range, by, limit: 5 });
  if (top.error && !top.data) return <TableError error={top.error} onRetry={top.refetch} />;
  if (!top.data)
    return <div aria-hidden className="h-40 animate-pulse rounded-lg border border-border bg-surface" />;
  if (!top.data.available) {
    return (
      <EmptyState icon={Activity} title={`${TITLES[by]}: no metrics`}>
        <p>This cloud has no metric service (Gnocchi) in its catalog, so instances cannot be ranked.</p>
      </EmptyState>
    );
  }
  if (top.data.items.length === 0) {
    return (
      <p className="text-sm text-fg-muted">
        No instance reported {by === "cpu" ? "CPU" : "network"} use in this range.
      </p>
    );
  }
  const unit = top.data.items[0]?.unit ?? "";
  return (
    <div>
      <RankedBars
        title={`${TITLES[by]}, last ${range}`}
        unit={unit}
        items={top.data.items.map((i) => ({ key: i.serverId, label: i.name || i.serverId, value: i.value }))}
      />
      <ul className="mt-2 flex flex-wrap gap-x-3 text-xs">
        {top.data.items.map((i) => (
          <li key={i.serverId}>
            <Link href={`/project/instances/${i.serverId}`} className="text-accent hover:underline">
              {i.name || i.serverId}
            </Link>
          </li>
        ))}
      </ul>
    </div>
  );
}

/** The project's busiest instances by CPU and by network, from the metric service. */
export function TopInstances() {
  const [range, setRange] = useState<TopRange>("24h");
  return (
    <section aria-labelledby="top-heading" className="flex flex-col gap-3">
      <div className="flex flex-wrap items-center justify-between gap-3">
        <h2 id="top-heading" className="text-base font-semibold">
          Top instances
        </h2>
        <fieldset className="flex gap-1">
          <legend className="sr-only">Top instances range</legend>
          {RANGES.map((r) => (
            <Button
              key={r}
              size="sm"
              variant={r === range ? "primary" : "ghost"}
              aria-pressed={r === range}
              onClick={() => setRange(r)}
            >
              {r}
            </Button>
          ))}
        </fieldset>
      </div>
      <div className="grid gap-4 xl:grid-cols-2">
        <TopList by="cpu" range={range} />
        <TopList by="network" range={range} />
      </div>
    </section>
  );
}
