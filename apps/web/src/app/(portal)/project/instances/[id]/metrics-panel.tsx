"use client";

import { clsx } from "clsx";
import { ChartNoAxesCombined } from "lucide-react";
import { useTranslations } from "next-intl";
import { useRef, useState } from "react";
import { type TimeSeries, TimeSeriesChart } from "@/components/charts/time-series-chart";
import { EmptyState } from "@/components/empty-state";
import { Button } from "@/components/ui/button";
import { mergePoints } from "@/lib/metrics/merge-points";
import { useErrorMessage } from "@/lib/use-error-message";
import { type RouterInputs, type RouterOutputs, trpc } from "@/trpc/react";

type Range = NonNullable<RouterInputs["metrics"]["instanceSeries"]["range"]>;
type SeriesData = Extract<RouterOutputs["metrics"]["instanceSeries"], { available: true }>;
type SeriesKey = keyof SeriesData["series"];

/** The ranges in order; each one's name is `compute.metrics.ranges.<key>`. */
const RANGES: readonly Range[] = ["1h", "24h", "7d", "30d"];

/** Each chart's title is `compute.metrics.charts.<key>`, each line's `compute.metrics.lines.<key>`. */
interface ChartSpec {
  key: "cpu" | "memory" | "disk" | "network";
  unit: "%" | "MB" | "B/s";
  lines: { key: SeriesKey; tone: TimeSeries["tone"] }[];
  yDomain?: [number, number];
}

const CHARTS: readonly ChartSpec[] = [
  { key: "cpu", unit: "%", lines: [{ key: "cpu", tone: "accent" }], yDomain: [0, 100] },
  { key: "memory", unit: "MB", lines: [{ key: "memory", tone: "success" }] },
  {
    key: "disk",
    unit: "B/s",
    lines: [
      { key: "diskRead", tone: "accent" },
      { key: "diskWrite", tone: "warning" },
    ],
  },
  {
    key: "network",
    unit: "B/s",
    lines: [
      { key: "netIn", tone: "success" },
      { key: "netOut", tone: "accent" },
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
  const t = useTranslations("compute.metrics");
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
        <fieldset className="inline-flex rounded-md border border-border" aria-label={t("timeRange")}>
          {RANGES.map((r) => (
            <button
              key={r}
              type="button"
              aria-pressed={range === r}
              onClick={() => setRange(r)}
              className={clsx(
                "px-3 py-1 text-sm first:rounded-l-md last:rounded-r-md",
                range === r
                  ? "bg-accent text-accent-fg"
                  : "text-fg-muted hover:bg-surface-muted hover:text-fg",
              )}
            >
              {t(`ranges.${r}`)}
            </button>
          ))}
        </fieldset>
        {granularity !== undefined ? (
          <span className="text-xs text-fg-muted">
            {granularity >= 3600 ? t("liveHourly") : t("liveEvery", { seconds: granularity })}
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
  const errorMessageOf = useErrorMessage();
  const t = useTranslations("compute.metrics");
  const tCommon = useTranslations("common");
  if (error && !data) {
    return (
      <div role="alert" className="mx-auto flex max-w-md flex-col items-center gap-3 text-sm">
        <p className="font-medium text-danger">{t("loadError")}</p>
        <p className="text-fg-muted">{errorMessageOf(error)}</p>
        <Button size="sm" onClick={onRetry}>
          {tCommon("retry")}
        </Button>
      </div>
    );
  }
  if (!data) return <p className="text-sm text-fg-muted">{t("loading")}</p>;
  if (!data.available) {
    return (
      <EmptyState icon={ChartNoAxesCombined} title={t("unavailable")}>
        {t("unavailableHint")}
      </EmptyState>
    );
  }
  return (
    <div className="grid gap-4 lg:grid-cols-2">
      {CHARTS.map((chart) => (
        <TimeSeriesChart
          key={chart.key}
          title={t(`charts.${chart.key}`)}
          unit={chart.unit}
          start={data.start}
          stop={data.stop}
          yDomain={chart.yDomain}
          emptyMessage={t("empty")}
          series={chart.lines.map((line) => ({
            key: line.key,
            label: t(`lines.${line.key}`),
            tone: line.tone,
            points: data.series[line.key],
          }))}
        />
      ))}
    </div>
  );
}
