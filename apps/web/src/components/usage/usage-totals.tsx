import { useFormatter, useTranslations } from "next-intl";
import { formatHoursIn } from "./usage-range";

export interface UsageTotalsValue {
  instances: number;
  instanceHours: number;
  vcpuHours: number;
  ramGbHours: number;
  diskGbHours: number;
}

/** The measures, each named by its message (`usage.measures.*`). */
const ITEMS = ["vcpuHours", "ramGbHours", "diskGbHours", "instanceHours"] as const;

/** The range's totals as labelled figures (each a region named after its measure, so tests and readers find it). */
export function UsageTotals({ totals, busy }: { totals: UsageTotalsValue | undefined; busy?: boolean }) {
  const t = useTranslations("usage.measures");
  const format = useFormatter();
  return (
    <div aria-busy={busy || undefined} className="grid gap-4 sm:grid-cols-2 xl:grid-cols-5">
      {ITEMS.map((key) => (
        <section key={key} aria-label={t(key)} className="rounded-lg border border-border bg-surface p-4">
          <p className="text-xs font-semibold tracking-wide text-fg-muted uppercase">{t(key)}</p>
          {totals ? (
            <p className="mt-1 text-xl font-semibold tabular-nums" data-value={totals[key].toFixed(2)}>
              {formatHoursIn(format, totals[key])}
            </p>
          ) : (
            <div aria-hidden className="mt-2 h-6 w-24 animate-pulse rounded bg-surface-muted" />
          )}
        </section>
      ))}
      <section aria-label={t("instances")} className="rounded-lg border border-border bg-surface p-4">
        <p className="text-xs font-semibold tracking-wide text-fg-muted uppercase">{t("instances")}</p>
        {totals ? (
          <p className="mt-1 text-xl font-semibold tabular-nums">{format.number(totals.instances)}</p>
        ) : (
          <div aria-hidden className="mt-2 h-6 w-12 animate-pulse rounded bg-surface-muted" />
        )}
      </section>
    </div>
  );
}
