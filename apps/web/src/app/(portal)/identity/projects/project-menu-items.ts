import type { useTranslations } from "next-intl";
import type { RowMenuItem } from "../../../../components/row-menu";
import { type AccountAction, accountMenuItems } from "../account-menu-items";

type ProjectsT = ReturnType<typeof useTranslations<"identity.projects">>;
export type ProjectMenuAction = AccountAction | "members";

/** A project's actions, for its row and the command palette: edit, members, enable or disable, delete. */
export function projectMenuItems(
  t: ProjectsT,
  project: { enabled: boolean },
  open: (action: ProjectMenuAction) => void,
  { saving = false }: { saving?: boolean } = {},
): RowMenuItem[] {
  return accountMenuItems(t, project.enabled, { action: "members", label: t("members") }, open, saving);
}
