import type { useTranslations } from "next-intl";
import type { RowMenuItem } from "@/components/row-menu";
import { menuItem } from "../menu-item";

type GroupsT = ReturnType<typeof useTranslations<"network.securityGroups">>;
export type SecurityGroupMenuAction = "addRule" | "edit" | "delete";

/**
 * A security group's actions, for its row, its page and the command
 * palette. `addRule` where the rules are at hand (its page, hence the
 * palette). Neutron keeps one default group per project: it cannot be
 * deleted, and says so.
 */
export function securityGroupMenuItems(
  t: GroupsT,
  group: { isDefault: boolean },
  open: (action: SecurityGroupMenuAction) => void,
  opts: { addRule?: boolean } = {},
): RowMenuItem[] {
  return [
    ...(opts.addRule ? [menuItem("addRule", t("addRule"), open)] : []),
    menuItem("edit", t("edit"), open),
    menuItem("delete", t("delete"), open, {
      danger: true,
      reason: group.isDefault ? t("defaultUndeletable") : null,
    }),
  ];
}
