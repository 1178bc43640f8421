import { clsx } from "clsx";
import { useFormatter, useTranslations } from "next-intl";

interface ProgressBarProps {
  /** 0..100 */
  percent: number;
  label: string;
  /** Read out by assistive tech, e.g. "3.2 MB of 10 MB". */
  valueText?: string;
  tone?: "accent" | "success" | "danger";
}

export function ProgressBar({ percent, label, valueText, tone = "accent" }: ProgressBarProps) {
  const t = useTranslations("common");
  const format = useFormatter();
  const clamped = Math.max(0, Math.min(100, Math.round(percent)));
  const percentText = format.number(clamped / 100, { style: "percent" });
  return (
    <div
      role="progressbar"
      aria-label={label}
      aria-valuemin={0}
      aria-valuemax={100}
      aria-valuenow={clamped}
      aria-valuetext={
        valueText ? t("progressValue", { percent: percentText, detail: valueText }) : percentText
      }
      className="h-2.5 w-full overflow-hidden rounded-full bg-surface-muted"
    >
      <div
        className={clsx(
          "h-full rounded-full transition-[width] duration-200",
          tone === "success" ? "bg-success" : tone === "danger" ? "bg-danger" : "bg-accent",
        )}
        style={{ width: `${clamped}%` }}
      />
    </div>
  );
}
