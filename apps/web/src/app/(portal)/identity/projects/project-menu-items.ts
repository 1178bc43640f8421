import { type LucideIcon, Pencil, Power, Trash2, Users } from "lucide-react";
import type { useTranslations } from "next-intl";
import type { RowMenuItem } from "@/components/row-menu";

type ProjectsT = ReturnType<typeof useTranslations<"identity.projects">>;
export type ProjectMenuAction = "edit" | "members" | "toggle" | "delete";

export const PROJECT_ICONS: Record<ProjectMenuAction, LucideIcon> = {
  edit: Pencil,
  members: Users,
  toggle: Power,
  delete: Trash2,
};

/**
 * A project's actions, for its row and the command palette. `toggle`
 * enables or disables it at once (no dialog); while one such change is
 * saving (`saving`), it waits.
 */
export function projectMenuItems(
  t: ProjectsT,
  project: { enabled: boolean },
  open: (action: ProjectMenuAction) => void,
  { saving = false }: { saving?: boolean } = {},
): RowMenuItem[] {
  return [
    { key: "edit", label: t("edit"), onSelect: () => open("edit") },
    { key: "members", label: t("members"), onSelect: () => open("members") },
    {
      key: "toggle",
      label: project.enabled ? t("disable") : t("enable"),
      disabledReason: saving ? t("saving") : null,
      onSelect: () => open("toggle"),
    },
    { key: "delete", label: t("delete"), danger: true, onSelect: () => open("delete") },
  ];
}
