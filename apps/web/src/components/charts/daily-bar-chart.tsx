"use client";

import { Bar, BarChart, CartesianGrid, ResponsiveContainer, Tooltip, XAxis, YAxis } from "recharts";

export interface DailyValue {
  date: string;
  value: number;
}

interface DailyBarChartProps {
  title: string;
  /** The value's unit in words, e.g. "vCPU hours". */
  unit: string;
  days: readonly DailyValue[];
  /** How a value is written (default: one decimal below 10); usage passes hundredths, as its totals. */
  format?: (value: number) => string;
}

function shortDate(date: string): string {
  const at = new Date(`${date.slice(0, 10)}T00:00:00`);
  if (Number.isNaN(at.getTime())) return date;
  return at.toLocaleDateString(undefined, { month: "short", day: "numeric" });
}

function round(value: number): string {
  return value >= 10 ? value.toFixed(0) : value.toFixed(1);
}

/**
 * One bar per day, drawn by recharts. The chart is a picture of the table
 * below it: the same numbers are in a data table for screen readers and
 * for copying. Colours come from the theme's CSS variables, so both themes read.
 */
export function DailyBarChart({ title, unit, days, format = round }: DailyBarChartProps) {
  const total = days.reduce((sum, d) => sum + d.value, 0);
  const data = days.map((d) => ({ day: shortDate(d.date), value: d.value }));

  return (
    <figure className="rounded-lg border border-border bg-surface p-4">
      <figcaption className="mb-2 flex flex-wrap items-baseline justify-between gap-2">
        <span className="text-sm font-semibold">{title}</span>
        <span className="text-xs text-fg-muted">
          {format(total)} {unit} in {days.length} days
        </span>
      </figcaption>
      <div className="h-44 w-full" aria-hidden>
        <ResponsiveContainer width="100%" height="100%">
          <BarChart data={data} margin={{ top: 4, right: 4, bottom: 0, left: 4 }}>
            <CartesianGrid vertical={false} stroke="var(--color-border)" />
            <XAxis
              dataKey="day"
              tick={{ fill: "var(--color-fg-muted)", fontSize: 10 }}
              tickLine={false}
              axisLine={{ stroke: "var(--color-border)" }}
              interval="preserveStartEnd"
            />
            <YAxis hide domain={[0, "auto"]} />
            <Tooltip
              cursor={{ fill: "var(--color-accent-soft)" }}
              contentStyle={{
                background: "var(--color-surface)",
                border: "1px solid var(--color-border)",
                borderRadius: 6,
                fontSize: 12,
              }}
              formatter={(value) => [`${format(Number(value))} ${unit}`, title]}
            />
            <Bar dataKey="value" fill="var(--color-accent)" radius={[2, 2, 0, 0]} isAnimationActive={false} />
          </BarChart>
        </ResponsiveContainer>
      </div>
      <details className="mt-2 text-sm">
        <summary className="cursor-pointer text-fg-muted hover:text-fg">Show as table</summary>
        <table aria-label={title} className="mt-2 w-full text-left text-sm">
          <thead className="text-xs text-fg-muted uppercase">
            <tr>
              <th scope="col" className="py-1 font-semibold">
                Day
              </th>
              <th scope="col" className="py-1 text-right font-semibold">
                {unit}
              </th>
            </tr>
          </thead>
          <tbody>
            {days.map((day) => (
              <tr key={day.date} className="border-t border-border">
                <td className="py-1">{shortDate(day.date)}</td>
                <td className="py-1 text-right tabular-nums">{format(day.value)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </details>
    </figure>
  );
}
