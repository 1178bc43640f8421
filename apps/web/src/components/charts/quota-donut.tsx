import { clsx } from "clsx";
import { useTranslations } from "next-intl";
import { isUnlimited } from "@/lib/compute/quota-limits";

interface QuotaDonutProps {
  title: string;
  used: number;
  limit: number;
  /** Formats an amount, e.g. MB → "2 GB". */
  format?: (n: number) => string;
}

const RADIUS = 36;
const CIRCUMFERENCE = 2 * Math.PI * RADIUS;

function share(used: number, limit: number): number {
  if (isUnlimited(limit)) return 0;
  if (limit === 0) return used > 0 ? 1 : 0;
  return Math.min(1, used / limit);
}

/** Used of a quota as a donut, with the same numbers in text (the text is the accessible content). */
export function QuotaDonut({ title, used, limit, format = String }: QuotaDonutProps) {
  const fraction = share(used, limit);
  const unlimited = isUnlimited(limit);
  const remaining = unlimited ? null : Math.max(0, limit - used);
  const t = useTranslations("charts.quota");
  const tone = fraction >= 0.9 ? "text-danger" : fraction >= 0.7 ? "text-warning" : "text-accent";
  const summary = unlimited
    ? t("summaryUnlimited", { used: format(used) })
    : t("summary", { used: format(used), limit: format(limit), remaining: format(remaining ?? 0) });

  return (
    <figure
      aria-label={title}
      className="flex items-center gap-4 rounded-lg border border-border bg-surface p-4"
    >
      <svg viewBox="0 0 88 88" className="size-20 shrink-0 -rotate-90" aria-hidden>
        <circle cx="44" cy="44" r={RADIUS} fill="none" strokeWidth="10" className="stroke-surface-muted" />
        <circle
          cx="44"
          cy="44"
          r={RADIUS}
          fill="none"
          strokeWidth="10"
          strokeLinecap="round"
          stroke="currentColor"
          className={clsx(tone, fraction === 0 && "opacity-0")}
          strokeDasharray={`${fraction * CIRCUMFERENCE} ${CIRCUMFERENCE}`}
        />
      </svg>
      <figcaption className="min-w-0">
        <p className="text-xs font-semibold tracking-wide text-fg-muted uppercase">{title}</p>
        <p className="mt-1 text-lg font-semibold">
          {format(used)}
          <span className="text-sm font-normal text-fg-muted"> / {unlimited ? "∞" : format(limit)}</span>
        </p>
        <p className="text-xs text-fg-muted">
          <span className="sr-only">{summary}. </span>
          <span aria-hidden>
            {unlimited ? t("noLimit") : t("remaining", { remaining: format(remaining ?? 0) })}
          </span>
        </p>
      </figcaption>
    </figure>
  );
}
