import type { useTranslations } from "next-intl";
import type { RowMenuItem } from "@/components/row-menu";
import { menuItem } from "../menu-item";

type FloatingIpsT = ReturnType<typeof useTranslations<"network.floatingIps">>;
export type FloatingIpMenuAction = "associate" | "disassociate" | "release";

/**
 * A floating IP's actions, for its row and the command palette: associate
 * when it is free, disassociate when it is on a port (each says why not
 * otherwise), release always.
 */
export function floatingIpMenuItems(
  t: FloatingIpsT,
  fip: { portId: string | null },
  open: (action: FloatingIpMenuAction) => void,
): RowMenuItem[] {
  const associated = fip.portId !== null;
  return [
    menuItem("associate", t("associate"), open, { reason: associated ? t("menu.alreadyAssociated") : null }),
    menuItem("disassociate", t("disassociate"), open, {
      reason: associated ? null : t("menu.notAssociated"),
    }),
    menuItem("release", t("release"), open, { danger: true }),
  ];
}
