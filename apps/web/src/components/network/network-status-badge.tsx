import { useTranslations } from "next-intl";
import { ToneBadge } from "@/components/tone-badge";
import { networkStatusLabel, networkStatusTone } from "@/lib/network/network-status";

/** A network's or port's status (ACTIVE, BUILD, DOWN, ERROR), coloured like the instance badges. */
export function NetworkStatusBadge({ status }: { status: string }) {
  const t = useTranslations("network.status");
  // Unknown statuses read as Neutron's word, humanized.
  return (
    <ToneBadge tone={networkStatusTone(status)}>
      {t("label", { status, label: networkStatusLabel(status) })}
    </ToneBadge>
  );
}

/** Neutron's admin state: a network can be administratively down while its status still says ACTIVE. */
export function AdminStateBadge({ up }: { up: boolean }) {
  const t = useTranslations("network.status");
  return <ToneBadge tone={up ? "success" : "warning"}>{up ? t("up") : t("down")}</ToneBadge>;
}
