"use client";

import { clsx } from "clsx";
import { ChartNoAxesCombined } from "lucide-react";
import { useRef, useState } from "react";
import { type TimeSeries, TimeSeriesChart } from "@/components/charts/time-series-chart";
import { EmptyState } from "@/components/empty-state";
import { Button } from "@/components/ui/button";
import { mergePoints } from "@/lib/metrics/merge-points";
import { errorMessageOf } from "@/lib/trpc-errors";
import { type RouterInputs, type RouterOutputs, trpc } from "@/trpc/react";

type Range = NonNullable<RouterInputs["metrics"]["instanceSeries"]["range"]>;
type SeriesData = Extract<RouterOutputs["metrics"]["instanceSeries"], { available: true }>;
type SeriesKey = keyof SeriesData["series"];

const RANGES: readonly { key: Range; label: string }[] = [
  { key: "1h", label: "1 h" },
  { key: "24h", label: "24 h" },
  { key: "7d", label: "7 d" },
  { key: "30d", label: "30 d" },
];

const EMPTY = "No samples yet — the host sends them every 10 s.";

interface ChartSpec {
  title: string;
  unit: "%" | "MB" | "B/s";
  lines: { key: SeriesKey; label: string; tone: TimeSeries["tone"] }[];
  yDomain?: [number, number];
}

const CHARTS: readonly ChartSpec[] = [
  { title: "CPU", unit: "%", lines: [{ key: "cpu", label: "CPU", tone: "accent" }], yDomain: [0, 100] },
  { title: "Memory", unit: "MB", lines: [{ key: "memory", label: "Used", tone: "success" }] },
  {
    title: "Disk",
    unit: "B/s",
    lines: [
      { key: "diskRead", label: "Read", tone: "accent" },
      { key: "diskWrite", label: "Write", tone: "warning" },
    ],
  },
  {
    title: "Network",
    unit: "B/s",
    lines: [
      { key: "netIn", label: "In", tone: "success" },
      { key: "netOut", label: "Out", tone: "accent" },
    ],
  },
];

/**
 * An instance's CPU, memory, disk and network charts over a range. The
 * range is read once; while the tab is open the BFF pushes the new points
 * of each sample interval (`metrics.instanceUpdates`), which are merged
 * into the cached series so the window slides without re-reading it.
 */
export function MetricsPanel({ id }: { id: string }) {
  const [range, setRange] = useState<Range>("1h");
  const utils = trpc.useUtils();
  const query = trpc.metrics.instanceSeries.useQuery({ id, range });
  const starts = useRef(0);
  const granularity = query.data?.available ? query.data.granularity : undefined;
  const live = granularity !== undefined;

  trpc.metrics.instanceUpdates.useSubscription(
    { id, range },
    {
      enabled: live,
      onStarted: () => {
        // After a reconnect, points may have been missed: read the range again.
        if (starts.current++ > 0) void utils.metrics.instanceSeries.invalidate({ id, range });
      },
      onData: (update) => {
        utils.metrics.instanceSeries.setData({ id, range }, (old) => {
          if (!old?.available) return old;
          const pushed = Object.values(update.series).flat();
          const newest = Math.max(old.stop, ...pushed.map((p) => p.t));
          const span = old.stop - old.start;
          const start = newest - span;
          const series = { ...old.series };
          for (const key of Object.keys(series) as SeriesKey[]) {
            series[key] = mergePoints(old.series[key], update.series[key] ?? [], start);
          }
          return { ...old, start, stop: newest, series };
        });
      },
    },
  );

  return (
    <div className="space-y-4">
      <div className="flex flex-wrap items-center justify-between gap-2">
        <fieldset className="inline-flex rounded-md border border-border" aria-label="Time range">
          {RANGES.map((r) => (
            <button
              key={r.key}
              type="button"
              aria-pressed={range === r.key}
              onClick={() => setRange(r.key)}
              className={clsx(
                "px-3 py-1 text-sm first:rounded-l-md last:rounded-r-md",
                range === r.key
                  ? "bg-accent text-accent-fg"
                  : "text-fg-muted hover:bg-surface-muted hover:text-fg",
              )}
            >
              {r.label}
            </button>
          ))}
        </fieldset>
        {granularity !== undefined ? (
          <span className="text-xs text-fg-muted">
            Live · one point every {granularity >= 3600 ? "hour" : `${granularity} s`}
          </span>
        ) : null}
      </div>
      <MetricsBody data={query.data} error={query.error} onRetry={() => void query.refetch()} />
    </div>
  );
}

function MetricsBody({
  data,
  error,
  onRetry,
}: {
  data: RouterOutputs["metrics"]["instanceSeries"] | undefined;
  error: unknown;
  onRetry: () => void;
}) {
  if (error && !data) {
    return (
      <div role="alert" className="mx-auto flex max-w-md flex-col items-center gap-3 text-sm">
        <p className="font-medium text-danger">Could not load the metrics.</p>
        <p className="text-fg-muted">{errorMessageOf(error)}</p>
        <Button size="sm" onClick={onRetry}>
          Retry
        </Button>
      </div>
    );
  }
  if (!data) return <p className="text-sm text-fg-muted">Loading metrics…</p>;
  if (!data.available) {
    return (
      <EmptyState icon={ChartNoAxesCombined} title="This cloud has no metric service">
        Charts need a metric service (Gnocchi) in the cloud's catalog. Ask the cloud's operators to add one.
      </EmptyState>
    );
  }
  return (
    <div className="grid gap-4 lg:grid-cols-2">
      {CHARTS.map((chart) => (
        <TimeSeriesChart
          key={chart.title}
          title={chart.title}
          unit={chart.unit}
          start={data.start}
          stop={data.stop}
          yDomain={chart.yDomain}
          emptyMessage={EMPTY}
          series={chart.lines.map((line) => ({
            key: line.key,
            label: line.label,
            tone: line.tone,
            points: data.series[line.key],
          }))}
        />
      ))}
    </div>
  );
}
