"use client";

import { useFormatter, useTranslations } from "next-intl";
import type { Formatter } from "@/i18n/format";
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

/** "Mar 1" / "3月1日": the day itself, read and written in UTC so no zone moves it to another. */
function shortDate(format: Formatter, date: string): string {
  const at = new Date(`${date.slice(0, 10)}T00:00:00Z`);
  if (Number.isNaN(at.getTime())) return date;
  return format.dateTime(at, { month: "short", day: "numeric", timeZone: "UTC" });
}

function round(value: number): string {
  return value >= 10 ? value.toFixed(0) : value.toFixed(1);
}

/** One bar per day, with the total of the range beside the title. */
export function DailyBarChart({ title, unit, days, format = round }: DailyBarChartProps) {
  const total = days.reduce((sum, d) => sum + d.value, 0);
  const t = useTranslations("charts");
  const formatter = useFormatter();
  return (
    <BarFigure
      title={title}
      summary={t("dailySummary", { total: format(total), unit, days: days.length })}
      unit={unit}
      labelHeading={t("day")}
      rows={days.map((d) => ({ key: d.date, label: shortDate(formatter, d.date), value: d.value }))}
      format={format}
      orientation="columns"
    />
  );
}
