"use client";

import { useTranslations } from "next-intl";
import type { ReactNode } from "react";
import { Bar, BarChart, CartesianGrid, ResponsiveContainer, Tooltip, XAxis, YAxis } from "recharts";
import { chartAxisLine, chartCursor, chartTick, chartTooltipStyle } from "./chart-theme";

export interface BarRow {
  key: string;
  label: string;
  value: number;
}

interface BarFigureProps {
  title: string;
  /** Right of the title, e.g. the total. */
  summary?: ReactNode;
  /** The value's unit in words, e.g. "vCPU hours": the tooltip's and the table's value heading. */
  unit: string;
  /** The table's heading of the label column, e.g. "Day" or "Name". */
  labelHeading: string;
  rows: readonly BarRow[];
  format: (value: number) => string;
  /** Columns over the labels (days), or bars from the left with the labels beside them (a ranking). */
  orientation: "columns" | "ranking";
}

/**
 * Bars drawn by recharts, and the same numbers in a table under them (the
 * accessible view, also for copying). The picture is hidden from screen
 * readers: the table says all it says.
 */
export function BarFigure({ title, summary, unit, labelHeading, rows, format, orientation }: BarFigureProps) {
  const ranking = orientation === "ranking";
  const t = useTranslations("charts");
  const data = rows.map((r) => ({ label: r.label, value: r.value }));
  return (
    <figure className="rounded-lg border border-border bg-surface p-4">
      <figcaption className="mb-2 flex flex-wrap items-baseline justify-between gap-2">
        <span className="text-sm font-semibold">{title}</span>
        {summary !== undefined && <span className="text-xs text-fg-muted">{summary}</span>}
      </figcaption>
      <div
        className={ranking ? "w-full" : "h-44 w-full"}
        style={ranking ? { height: Math.max(80, rows.length * 28 + 16) } : undefined}
        aria-hidden
      >
        <ResponsiveContainer width="100%" height="100%">
          <BarChart
            // The figure is hidden from assistive technology (its table below has the values):
            // recharts' keyboard layer would be a focus stop inside hidden content.
            accessibilityLayer={false}
            data={data}
            layout={ranking ? "vertical" : "horizontal"}
            margin={
              ranking ? { top: 0, right: 8, bottom: 0, left: 8 } : { top: 4, right: 4, bottom: 0, left: 4 }
            }
          >
            <CartesianGrid horizontal={!ranking} vertical={ranking} stroke="var(--color-border)" />
            {ranking ? (
              <>
                <XAxis type="number" hide domain={[0, "auto"]} />
                <YAxis
                  type="category"
                  dataKey="label"
                  width={120}
                  tick={{ ...chartTick, fontSize: 11 }}
                  tickLine={false}
                  axisLine={chartAxisLine}
                />
              </>
            ) : (
              <>
                <XAxis
                  dataKey="label"
                  tick={chartTick}
                  tickLine={false}
                  axisLine={chartAxisLine}
                  interval="preserveStartEnd"
                />
                <YAxis hide domain={[0, "auto"]} />
              </>
            )}
            <Tooltip
              cursor={chartCursor}
              contentStyle={chartTooltipStyle}
              formatter={(value) => [t("tooltipValue", { value: format(Number(value)), unit }), title]}
            />
            <Bar
              dataKey="value"
              fill="var(--color-accent)"
              radius={ranking ? [0, 2, 2, 0] : [2, 2, 0, 0]}
              isAnimationActive={false}
            />
          </BarChart>
        </ResponsiveContainer>
      </div>
      <details className="mt-2 text-sm">
        <summary className="cursor-pointer text-fg-muted hover:text-fg">{t("showAsTable")}</summary>
        <table aria-label={title} className="mt-2 w-full text-left text-sm">
          <thead className="text-xs text-fg-muted uppercase">
            <tr>
              <th scope="col" className="py-1 font-semibold">
                {labelHeading}
              </th>
              <th scope="col" className="py-1 text-right font-semibold">
                {unit}
              </th>
            </tr>
          </thead>
          <tbody>
            {rows.map((r) => (
              <tr key={r.key} className="border-t border-border">
                <td className="py-1">{r.label}</td>
                <td className="py-1 text-right tabular-nums">{format(r.value)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </details>
    </figure>
  );
}
