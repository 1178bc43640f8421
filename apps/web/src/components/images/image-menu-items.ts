import type { useTranslations } from "next-intl";
import type { RowMenuItem } from "@/components/row-menu";
import { menuItem } from "../menu-item";

type ImagesT = ReturnType<typeof useTranslations<"compute.images">>;
export type ImageMenuAction = "launch" | "edit" | "delete";

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
    menuItem("launch", t("launch"), open, { reason: image.status === "active" ? null : t("menu.notActive") }),
    menuItem("edit", t("menu.edit"), open),
    menuItem("delete", t("menu.delete"), open, {
      danger: true,
      reason: image.protected ? t("menu.protected") : null,
    }),
  ];
}
