import { clsx } from "clsx";
import { useTranslations } from "next-intl";

export function EnabledBadge({ enabled }: { enabled: boolean }) {
  const t = useTranslations("common");
  return (
    <span
      className={clsx(
        "inline-flex rounded-full px-2 py-0.5 text-xs font-medium",
        enabled ? "bg-success-soft text-success" : "bg-surface-muted text-fg-muted",
      )}
    >
      {enabled ? t("enabled") : t("disabled")}
    </span>
  );
}
