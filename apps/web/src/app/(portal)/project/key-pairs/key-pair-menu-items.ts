import { type LucideIcon, Trash2 } from "lucide-react";
import type { useTranslations } from "next-intl";
import type { RowMenuItem } from "@/components/row-menu";

type KeyPairsT = ReturnType<typeof useTranslations<"compute.keyPairs">>;
export type KeyPairMenuAction = "delete";

export const KEY_PAIR_ICONS: Record<KeyPairMenuAction, LucideIcon> = { delete: Trash2 };

/** A key pair's one action (Nova cannot change a key pair), for its row and the command palette. */
export function keyPairMenuItems(t: KeyPairsT, open: (action: KeyPairMenuAction) => void): RowMenuItem[] {
  return [{ key: "delete", label: t("delete"), danger: true, onSelect: () => open("delete") }];
}
