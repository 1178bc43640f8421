import { formatHours } from "./usage-range";

export interface UsageTotalsValue {
  instances: number;
  instanceHours: number;
  vcpuHours: number;
  ramGbHours: number;
  diskGbHours: number;
}

const ITEMS = [
  ["vcpuHours", "vCPU hours"],
  ["ramGbHours", "RAM GB hours"],
  ["diskGbHours", "Disk GB hours"],
  ["instanceHours", "Instance hours"],
] as const;

/** The range's totals as labelled figures (each a region named after its measure, so tests and readers find it). */
export function UsageTotals({ totals, busy }: { totals: UsageTotalsValue | undefined; busy?: boolean }) {
  return (
    <div aria-busy={busy || undefined} className="grid gap-4 sm:grid-cols-2 xl:grid-cols-5">
      {ITEMS.map(([key, label]) => (
        <section key={key} aria-label={label} className="rounded-lg border border-border bg-surface p-4">
          <p className="text-xs font-semibold tracking-wide text-fg-muted uppercase">{label}</p>
          {totals ? (
            <p className="mt-1 text-xl font-semibold tabular-nums" data-value={totals[key].toFixed(2)}>
              {formatHours(totals[key])}
            </p>
          ) : (
            <div aria-hidden className="mt-2 h-6 w-24 animate-pulse rounded bg-surface-muted" />
          )}
        </section>
      ))}
      <section aria-label="Instances" className="rounded-lg border border-border bg-surface p-4">
        <p className="text-xs font-semibold tracking-wide text-fg-muted uppercase">Instances</p>
        {totals ? (
          <p className="mt-1 text-xl font-semibold tabular-nums">{totals.instances}</p>
        ) : (
          <div aria-hidden className="mt-2 h-6 w-12 animate-pulse rounded bg-surface-muted" />
        )}
      </section>
    </div>
  );
}
