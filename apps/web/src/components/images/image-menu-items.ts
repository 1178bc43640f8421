import { type LucideIcon, Pencil, Rocket, Trash2 } from "lucide-react";
import type { useTranslations } from "next-intl";
import type { RowMenuItem } from "@/components/row-menu";

type ImagesT = ReturnType<typeof useTranslations<"compute.images">>;
export type ImageMenuAction = "launch" | "edit" | "delete";

export const IMAGE_ICONS: Record<ImageMenuAction, LucideIcon> = {
  launch: Rocket,
  edit: Pencil,
  delete: Trash2,
};

/**
 * An image's actions, for its row and the command palette: launch from an
 * active image, edit, delete unless protected; those that do not apply say why.
 */
export function imageMenuItems(
  t: ImagesT,
  image: { status: string; protected: boolean },
  open: (action: ImageMenuAction) => void,
): RowMenuItem[] {
  return [
    {
      key: "launch",
      label: t("launch"),
      disabledReason: image.status === "active" ? null : t("menu.notActive"),
      onSelect: () => open("launch"),
    },
    { key: "edit", label: t("menu.edit"), onSelect: () => open("edit") },
    {
      key: "delete",
      label: t("menu.delete"),
      danger: true,
      disabledReason: image.protected ? t("menu.protected") : null,
      onSelect: () => open("delete"),
    },
  ];
}
