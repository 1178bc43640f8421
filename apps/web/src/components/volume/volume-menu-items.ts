import type { RowMenuItem } from "@/components/row-menu";
import { volumeBlockedReason } from "@/lib/volume/volume-status";
import type { VolumeDialogKind, VolumeRow } from "./volume-action-dialogs";

export type VolumeMenuAction = VolumeDialogKind | "attachments" | "resetStatus" | "forceDelete";

/** The volume actions as row-menu items; those that do not apply say why. Admin ones only for admins. */
export function volumeMenuItems(
  volume: VolumeRow,
  open: (action: VolumeMenuAction) => void,
  opts: { admin?: boolean } = {},
): RowMenuItem[] {
  const items: RowMenuItem[] = [
    { key: "edit", label: "Edit…", onSelect: () => open("edit") },
    {
      key: "extend",
      label: "Extend…",
      disabledReason: volumeBlockedReason("extend", volume),
      onSelect: () => open("extend"),
    },
    {
      key: "attachments",
      label: "Manage attachments…",
      disabledReason:
        volume.attachments.length > 0 || volume.status === "available"
          ? null
          : "Only an available or attached volume can be attached or detached.",
      onSelect: () => open("attachments"),
    },
    {
      key: "snapshot",
      label: "Create snapshot…",
      disabledReason: volumeBlockedReason("snapshot", volume),
      onSelect: () => open("snapshot"),
    },
    {
      key: "upload",
      label: "Upload to image…",
      disabledReason: volumeBlockedReason("upload", volume),
      onSelect: () => open("upload"),
    },
    {
      key: "transfer",
      label: "Create transfer…",
      disabledReason: volumeBlockedReason("transfer", volume),
      onSelect: () => open("transfer"),
    },
    {
      key: "delete",
      label: "Delete…",
      danger: true,
      disabledReason: volumeBlockedReason("delete", volume),
      onSelect: () => open("delete"),
    },
  ];
  if (!opts.admin) return items;
  return [
    ...items,
    { key: "resetStatus", label: "Reset status…", onSelect: () => open("resetStatus") },
    { key: "forceDelete", label: "Force delete…", danger: true, onSelect: () => open("forceDelete") },
  ];
}
