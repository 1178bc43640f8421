import { useTranslations } from "next-intl";
import { statusLabel } from "@/lib/compute/instance-status";
import { ToneBadge } from "../tone-badge";
import { routerStatusTone } from "./router-status";

/** The router's status; "Admin down" underneath when an administrator turned it off. */
export function RouterStatusBadge({ status, adminStateUp }: { status: string; adminStateUp: boolean }) {
  const t = useTranslations("network.status");
  return (
    <span className="inline-flex flex-col items-start gap-0.5" data-status={status}>
      <ToneBadge tone={routerStatusTone(status)}>
        {t("label", { status, label: statusLabel(status) })}
      </ToneBadge>
      {adminStateUp ? null : <span className="text-xs text-fg-muted">{t("adminDown")}</span>}
    </span>
  );
}
