import type { useTranslations } from "next-intl";
import type { RowMenuItem } from "../../../../components/row-menu";
import { type AccountAction, accountMenuItems } from "../account-menu-items";

type UsersT = ReturnType<typeof useTranslations<"identity.users">>;
export type UserMenuAction = AccountAction | "password";

/** A user's actions, for its row and the command palette: edit, set password, enable or disable, delete. */
export function userMenuItems(
  t: UsersT,
  user: { enabled: boolean },
  open: (action: UserMenuAction) => void,
  { saving = false }: { saving?: boolean } = {},
): RowMenuItem[] {
  return accountMenuItems(t, user.enabled, { action: "password", label: t("setPassword") }, open, saving);
}
