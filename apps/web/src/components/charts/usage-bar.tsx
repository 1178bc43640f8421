import { clsx } from "clsx";
import { useTranslations } from "next-intl";

interface UsageBarProps {
  label: string;
  /** Null when the cloud does not report it (Nova 2.88+ hypervisors). */
  used: number | null;
  total: number | null;
  format?: (n: number) => string;
}

/** "vCPU 3 / 8" with a bar; the text carries the numbers, the bar is decoration. */
export function UsageBar({ label, used, total, format = String }: UsageBarProps) {
  const t = useTranslations("charts.usageBar");
  if (used === null || total === null) {
    return (
      <div className="min-w-36 text-xs">
        <span className="text-fg-muted">{label}</span> <span>{t("notReported")}</span>
      </div>
    );
  }
  const fraction = total > 0 ? Math.min(1, used / total) : used > 0 ? 1 : 0;
  const tone = fraction >= 0.9 ? "bg-danger" : fraction >= 0.7 ? "bg-warning" : "bg-accent";
  return (
    <div className="min-w-36">
      <div className="flex justify-between gap-2 text-xs">
        <span className="text-fg-muted">{label}</span>
        <span>
          {format(used)} / {format(total)}
        </span>
      </div>
      <div aria-hidden className="mt-1 h-1.5 w-full overflow-hidden rounded-full bg-surface-muted">
        <div className={clsx("h-full rounded-full", tone)} style={{ width: `${fraction * 100}%` }} />
      </div>
    </div>
  );
}
