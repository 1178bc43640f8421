import type { RowMenuItem } from "@/components/row-menu";
import { type VolumeT, volumeBlockedReason } from "@/lib/volume/volume-status";
import type { VolumeDialogKind, VolumeRow } from "./volume-action-dialogs";

export type VolumeMenuAction = VolumeDialogKind | "attachments" | "resetStatus" | "forceDelete";

/**
 * The volume actions as row-menu items, in the reader's language
 * (`useTranslations("volume")`); those that do not apply say why. Admin ones only for admins.
 */
export function volumeMenuItems(
  t: VolumeT,
  volume: VolumeRow,
  open: (action: VolumeMenuAction) => void,
  opts: { admin?: boolean } = {},
): RowMenuItem[] {
  const items: RowMenuItem[] = [
    { key: "edit", label: t("menu.edit"), onSelect: () => open("edit") },
    {
      key: "extend",
      label: t("menu.extend"),
      disabledReason: volumeBlockedReason(t, "extend", volume),
      onSelect: () => open("extend"),
    },
    {
      key: "attachments",
      label: t("menu.attachments"),
      disabledReason:
        volume.attachments.length > 0 || volume.status === "available" ? null : t("blocked.attachments"),
      onSelect: () => open("attachments"),
    },
    {
      key: "snapshot",
      label: t("menu.snapshot"),
      disabledReason: volumeBlockedReason(t, "snapshot", volume),
      onSelect: () => open("snapshot"),
    },
    {
      key: "upload",
      label: t("menu.upload"),
      disabledReason: volumeBlockedReason(t, "upload", volume),
      onSelect: () => open("upload"),
    },
    {
      key: "transfer",
      label: t("menu.transfer"),
      disabledReason: volumeBlockedReason(t, "transfer", volume),
      onSelect: () => open("transfer"),
    },
    {
      key: "delete",
      label: t("menu.delete"),
      danger: true,
      disabledReason: volumeBlockedReason(t, "delete", volume),
      onSelect: () => open("delete"),
    },
  ];
  if (!opts.admin) return items;
  return [
    ...items,
    { key: "resetStatus", label: t("menu.resetStatus"), onSelect: () => open("resetStatus") },
    { key: "forceDelete", label: t("menu.forceDelete"), danger: true, onSelect: () => open("forceDelete") },
  ];
}
