"use client";

import { DailyBarChart } from "@/components/charts/daily-bar-chart";
import { formatHours } from "./usage-range";

export interface UsageDayValue {
  date: string;
  vcpuHours: number;
  ramGbHours: number;
  diskGbHours: number;
  instanceHours: number;
}

/** The range per day: vCPU and RAM hours as bar charts, each with its table view. */
export function UsageDays({ days }: { days: readonly UsageDayValue[] }) {
  return (
    <div className="grid gap-4 xl:grid-cols-2">
      <DailyBarChart
        title="vCPU hours per day"
        unit="vCPU hours"
        format={formatHours}
        days={days.map((d) => ({ date: d.date, value: d.vcpuHours }))}
      />
      <DailyBarChart
        title="RAM GB hours per day"
        unit="GB hours"
        format={formatHours}
        days={days.map((d) => ({ date: d.date, value: d.ramGbHours }))}
      />
    </div>
  );
}
