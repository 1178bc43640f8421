import { type LucideIcon, Pencil, Plus, Trash2 } from "lucide-react";
import type { useTranslations } from "next-intl";
import type { RowMenuItem } from "@/components/row-menu";

type GroupsT = ReturnType<typeof useTranslations<"network.securityGroups">>;
export type SecurityGroupMenuAction = "addRule" | "edit" | "delete";

export const SECURITY_GROUP_ICONS: Record<SecurityGroupMenuAction, LucideIcon> = {
  addRule: Plus,
  edit: Pencil,
  delete: Trash2,
};

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
  const items: RowMenuItem[] = [
    { key: "edit", label: t("edit"), onSelect: () => open("edit") },
    {
      key: "delete",
      label: t("delete"),
      danger: true,
      disabledReason: group.isDefault ? t("defaultUndeletable") : null,
      onSelect: () => open("delete"),
    },
  ];
  return opts.addRule
    ? [{ key: "addRule", label: t("addRule"), onSelect: () => open("addRule") }, ...items]
    : items;
}
