import { KeyRound, type LucideIcon, Pencil, Power, Trash2 } from "lucide-react";
import type { useTranslations } from "next-intl";
import type { RowMenuItem } from "@/components/row-menu";

type UsersT = ReturnType<typeof useTranslations<"identity.users">>;
export type UserMenuAction = "edit" | "password" | "toggle" | "delete";

export const USER_ICONS: Record<UserMenuAction, LucideIcon> = {
  edit: Pencil,
  password: KeyRound,
  toggle: Power,
  delete: Trash2,
};

/**
 * A user's actions, for its row and the command palette. `toggle` enables
 * or disables the account at once (no dialog); while one such change is
 * saving (`saving`), it waits.
 */
export function userMenuItems(
  t: UsersT,
  user: { enabled: boolean },
  open: (action: UserMenuAction) => void,
  { saving = false }: { saving?: boolean } = {},
): RowMenuItem[] {
  return [
    { key: "edit", label: t("edit"), onSelect: () => open("edit") },
    { key: "password", label: t("setPassword"), onSelect: () => open("password") },
    {
      key: "toggle",
      label: user.enabled ? t("disable") : t("enable"),
      disabledReason: saving ? t("saving") : null,
      onSelect: () => open("toggle"),
    },
    { key: "delete", label: t("delete"), danger: true, onSelect: () => open("delete") },
  ];
}
