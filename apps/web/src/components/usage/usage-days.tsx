"use client";

import { useFormatter, useTranslations } from "next-intl";
import { DailyBarChart } from "@/components/charts/daily-bar-chart";
import { formatHoursIn } from "./usage-range";

export interface UsageDayValue {
  date: string;
  vcpuHours: number;
  ramGbHours: number;
  diskGbHours: number;
  instanceHours: number;
}

/** The range per day: vCPU and RAM hours as bar charts, each with its table view. */
export function UsageDays({ days }: { days: readonly UsageDayValue[] }) {
  const t = useTranslations("usage.days");
  const format = useFormatter();
  const formatHours = (n: number) => formatHoursIn(format, n);
  return (
    <div className="grid gap-4 xl:grid-cols-2">
      <DailyBarChart
        title={t("vcpuTitle")}
        unit={t("vcpuUnit")}
        format={formatHours}
        days={days.map((d) => ({ date: d.date, value: d.vcpuHours }))}
      />
      <DailyBarChart
        title={t("ramTitle")}
        unit={t("ramUnit")}
        format={formatHours}
        days={days.map((d) => ({ date: d.date, value: d.ramGbHours }))}
      />
    </div>
  );
}
