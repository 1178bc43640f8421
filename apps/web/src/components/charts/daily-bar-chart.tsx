"use client";

import { BarFigure } from "./bar-figure";

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

/** One bar per day, with the total of the range beside the title. */
export function DailyBarChart({ title, unit, days, format = round }: DailyBarChartProps) {
  const total = days.reduce((sum, d) => sum + d.value, 0);
  return (
    <BarFigure
      title={title}
      summary={`${format(total)} ${unit} in ${days.length} days`}
      unit={unit}
      labelHeading="Day"
      rows={days.map((d) => ({ key: d.date, label: shortDate(d.date), value: d.value }))}
      format={format}
      orientation="columns"
    />
  );
}
