import type { useTranslations } from "next-intl";
import type { RowMenuItem } from "@/components/row-menu";
import { menuItem } from "../../../../components/menu-item";

type KeyPairsT = ReturnType<typeof useTranslations<"compute.keyPairs">>;
export type KeyPairMenuAction = "delete";

/** A key pair's one action (Nova cannot change a key pair), for its row and the command palette. */
export function keyPairMenuItems(t: KeyPairsT, open: (action: KeyPairMenuAction) => void): RowMenuItem[] {
  return [menuItem("delete", t("delete"), open, { danger: true })];
}
