import {
  KeyRound,
  Link2,
  type LucideIcon,
  Pencil,
  Plus,
  Power,
  Rocket,
  Trash2,
  Unlink,
  Users,
} from "lucide-react";

/**
 * The icon of a menu item shown as a button (`RowActionButtons`,
 * `ActionButtons`), by its key: the same action looks the same on every kind.
 */
export const ACTION_ICONS: Readonly<Record<string, LucideIcon>> = {
  edit: Pencil,
  delete: Trash2,
  release: Trash2,
  launch: Rocket,
  associate: Link2,
  disassociate: Unlink,
  addRule: Plus,
  members: Users,
  password: KeyRound,
  toggle: Power,
};
