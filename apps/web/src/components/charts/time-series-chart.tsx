"use client";

import { clsx } from "clsx";
import { useFormatter, useTranslations } from "next-intl";
import { useId, useMemo, useState } from "react";
import { CartesianGrid, Legend, Line, LineChart, ResponsiveContainer, Tooltip, XAxis, YAxis } from "recharts";
import { type ChartUnit, formatInstant, formatTick, unitFormatter } from "@/lib/metrics/format";
import { chartAxisLine, chartTick, chartTooltipStyle } from "./chart-theme";

export interface TimePoint {
  /** Unix milliseconds. */
  t: number;
  v: number;
}

/** Theme tokens a line may take (both themes define each, so lines read on dark and light). */
export type SeriesTone = "accent" | "success" | "warning" | "danger";

export interface TimeSeries {
  key: string;
  label: string;
  points: readonly TimePoint[];
  tone?: SeriesTone;
}

export interface TimeSeriesChartProps {
  title: string;
  /** `%`, `MB`, `B/s`, or a formatter of its own: labels the axis, tooltip and table. */
  unit: ChartUnit;
  /** Lines of the chart; two for read/write or in/out pairs. */
  series: readonly TimeSeries[];
  /** The x range (Unix ms); default the points' own. */
  start?: number | undefined;
  stop?: number | undefined;
  /** Fixed y range, e.g. `[0, 100]` for percentages; default from 0 to the data's top. */
  yDomain?: [number, number] | undefined;
  /** Shown instead of the chart when no series has a point. */
  emptyMessage?: string | undefined;
  className?: string | undefined;
}

const TONE_VAR: Record<SeriesTone, string> = {
  accent: "var(--color-accent)",
  success: "var(--color-success)",
  warning: "var(--color-warning)",
  danger: "var(--color-danger)",
};
const DEFAULT_TONES: SeriesTone[] = ["accent", "success", "warning", "danger"];

type Row = { t: number } & Record<string, number | undefined>;

/** One row per time, one column per series (recharts draws lines from rows). */
function rowsOf(series: readonly TimeSeries[]): Row[] {
  const rows = new Map<number, Row>();
  for (const s of series) {
    for (const p of s.points) {
      const row = rows.get(p.t) ?? { t: p.t };
      row[s.key] = p.v;
      rows.set(p.t, row);
    }
  }
  return [...rows.values()].sort((a, b) => a.t - b.t);
}

/**
 * A time series chart (recharts) with a "Table" toggle that shows the same
 * numbers as an accessible table. Shared by every page that charts metrics:
 * pass points as `{t, v}`, a unit, and optionally the time range. Colours
 * are the theme's CSS variables, so both themes read without extra work.
 */
export function TimeSeriesChart({
  title,
  unit,
  series,
  start,
  stop,
  yDomain,
  emptyMessage,
  className,
}: TimeSeriesChartProps) {
  const [asTable, setAsTable] = useState(false);
  const t = useTranslations("charts.timeSeries");
  const formatter = useFormatter();
  const headingId = useId();
  const format = unitFormatter(unit);
  const rows = useMemo(() => rowsOf(series), [series]);
  const first = rows[0]?.t;
  const last = rows.at(-1)?.t;
  const xStart = start ?? first ?? 0;
  const xStop = stop ?? last ?? 0;
  const span = Math.max(1, xStop - xStart);
  const empty = rows.length === 0;
  const latest = series.map((s) => ({ label: s.label, point: s.points.at(-1) }));

  return (
    <section
      aria-labelledby={headingId}
      data-chart={title}
      className={clsx("rounded-lg border border-border bg-surface p-4", className)}
    >
      <header className="mb-2 flex flex-wrap items-center justify-between gap-2">
        <div className="min-w-0">
          <h3 id={headingId} className="text-sm font-semibold">
            {title}
          </h3>
          {!empty ? (
            <p className="text-xs text-fg-muted">
              {latest
                .filter((l) => l.point)
                .map((l) => `${l.label} ${format(l.point?.v ?? 0)}`)
                .join(" · ")}
            </p>
          ) : null}
        </div>
        <button
          type="button"
          aria-pressed={asTable}
          disabled={empty}
          onClick={() => setAsTable((v) => !v)}
          className={clsx(
            "rounded-md border px-2 py-0.5 text-xs disabled:opacity-50",
            asTable
              ? "border-accent bg-accent-soft text-accent"
              : "border-border text-fg-muted hover:text-fg",
          )}
        >
          {t("table")}
        </button>
      </header>
      {empty ? (
        <p className="flex h-44 items-center justify-center text-center text-sm text-fg-muted">
          {emptyMessage ?? t("noSamples")}
        </p>
      ) : asTable ? (
        <div className="max-h-64 overflow-auto">
          <table aria-label={title} className="w-full text-left text-sm">
            <thead className="sticky top-0 bg-surface text-xs text-fg-muted">
              <tr>
                <th scope="col" className="py-1 font-semibold">
                  {t("time")}
                </th>
                {series.map((s) => (
                  <th key={s.key} scope="col" className="py-1 text-right font-semibold">
                    {s.label}
                  </th>
                ))}
              </tr>
            </thead>
            <tbody>
              {[...rows].reverse().map((row) => (
                <tr key={row.t} className="border-t border-border">
                  <td className="py-1 whitespace-nowrap">{formatInstant(formatter, row.t)}</td>
                  {series.map((s) => {
                    const v = row[s.key];
                    return (
                      <td key={s.key} className="py-1 text-right tabular-nums">
                        {v === undefined ? "—" : format(v)}
                      </td>
                    );
                  })}
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      ) : (
        <div className="h-44 w-full" role="img" aria-label={t("chartLabel", { title })}>
          <ResponsiveContainer width="100%" height="100%">
            <LineChart
              // An image (role="img", values behind the Table button): no focusable
              // recharts keyboard layer inside it.
              accessibilityLayer={false}
              data={rows}
              margin={{ top: 4, right: 8, bottom: 0, left: 4 }}
            >
              <CartesianGrid vertical={false} stroke="var(--color-border)" />
              <XAxis
                dataKey="t"
                type="number"
                scale="time"
                domain={[xStart, xStop]}
                tickFormatter={(at: number) => formatTick(formatter, at, span)}
                tick={chartTick}
                tickLine={false}
                axisLine={chartAxisLine}
                minTickGap={24}
              />
              <YAxis
                domain={yDomain ?? [0, "auto"]}
                tickFormatter={(v: number) => format(v)}
                tick={chartTick}
                tickLine={false}
                axisLine={false}
                width={72}
              />
              <Tooltip
                labelFormatter={(at) => formatInstant(formatter, Number(at))}
                formatter={(value, name) => [format(Number(value)), name]}
                contentStyle={chartTooltipStyle}
                labelStyle={{ color: "var(--color-fg-muted)" }}
              />
              {series.length > 1 ? (
                <Legend
                  wrapperStyle={{ fontSize: 11, color: "var(--color-fg-muted)" }}
                  iconType="plainline"
                />
              ) : null}
              {series.map((s, i) => (
                <Line
                  key={s.key}
                  dataKey={s.key}
                  name={s.label}
                  type="monotone"
                  stroke={TONE_VAR[s.tone ?? DEFAULT_TONES[i % DEFAULT_TONES.length] ?? "accent"]}
                  strokeWidth={1.5}
                  dot={false}
                  connectNulls
                  isAnimationActive={false}
                />
              ))}
            </LineChart>
          </ResponsiveContainer>
        </div>
      )}
    </section>
  );
}
