import type { useTranslations } from "next-intl";
import type { RowMenuItem } from "@/components/row-menu";
import { menuItem } from "../menu-item";

type NetworksT = ReturnType<typeof useTranslations<"network.networks">>;
export type NetworkMenuAction = "edit" | "delete";

/**
 * A network's actions, for its row, its page's buttons and the command
 * palette: edit and delete, only where the reader may change it (`canChange`:
 * the project's own network, or any for a cloud admin); a shared or
 * external network of another project offers none.
 */
export function networkMenuItems(
  t: NetworksT,
  open: (action: NetworkMenuAction) => void,
  { canChange }: { canChange: boolean },
): RowMenuItem[] {
  if (!canChange) return [];
  return [menuItem("edit", t("edit"), open), menuItem("delete", t("delete"), open, { danger: true })];
}
