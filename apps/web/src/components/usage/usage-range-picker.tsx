"use client";

import { useTranslations } from "next-intl";
import { Button } from "@/components/ui/button";
import { lastDays, lastMonth, rangeProblem, thisMonth, type UsageRangeInput } from "./usage-range";

interface UsageRangePickerProps {
  value: UsageRangeInput;
  onChange: (range: UsageRangeInput) => void;
}

const inputClasses =
  "h-9 rounded-md border border-border bg-surface px-2 text-sm text-fg focus-visible:outline-2 focus-visible:outline-ring";

/** From and to pickers with the usual shortcuts; days are counted in the browser's time zone. */
export function UsageRangePicker({ value, onChange }: UsageRangePickerProps) {
  const problem = rangeProblem(value);
  const t = useTranslations("usage.range");
  return (
    <div className="flex flex-wrap items-end gap-3">
      <label className="flex flex-col gap-1 text-xs font-medium text-fg-muted">
        {t("from")}
        <input
          type="date"
          className={inputClasses}
          value={value.from}
          max={value.to || undefined}
          onChange={(e) => onChange({ ...value, from: e.target.value })}
        />
      </label>
      <label className="flex flex-col gap-1 text-xs font-medium text-fg-muted">
        {t("to")}
        <input
          type="date"
          className={inputClasses}
          value={value.to}
          min={value.from || undefined}
          onChange={(e) => onChange({ ...value, to: e.target.value })}
        />
      </label>
      <fieldset className="flex flex-wrap gap-1">
        <legend className="sr-only">{t("quickRanges")}</legend>
        <Button size="sm" variant="ghost" onClick={() => onChange(thisMonth())}>
          {t("thisMonth")}
        </Button>
        <Button size="sm" variant="ghost" onClick={() => onChange(lastMonth())}>
          {t("lastMonth")}
        </Button>
        <Button size="sm" variant="ghost" onClick={() => onChange(lastDays(7))}>
          {t("last7Days")}
        </Button>
      </fieldset>
      <p className="w-full text-xs text-fg-muted">
        {t("timeZoneNote", { timeZone: value.timeZone })}
        {problem ? (
          <span role="alert" className="ml-2 font-medium text-danger">
            {t(`problems.${problem}`)}
          </span>
        ) : null}
      </p>
    </div>
  );
}
