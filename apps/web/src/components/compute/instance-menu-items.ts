import type { RowMenuItem } from "@/components/row-menu";
import {
  ACTION_SPECS,
  type ActionSubject,
  actionBlockedReason,
  MENU_ACTIONS,
} from "@/lib/compute/instance-actions";
import type { InstanceActionsApi } from "@/lib/compute/use-instance-actions";

interface MenuInstance extends ActionSubject {
  id: string;
  name: string;
  flavor: { id: string };
  image: { id: string } | null;
}

/**
 * Every instance action as row-menu items; those that do not apply say why.
 * The command palette reads the same list, with a `request` that opens the
 * instance's page on the action (`?action=<key>`).
 */
export function instanceMenuItems(
  instance: MenuInstance,
  api: Pick<InstanceActionsApi, "request">,
): RowMenuItem[] {
  const target = {
    id: instance.id,
    name: instance.name,
    flavorId: instance.flavor.id,
    imageId: instance.image?.id ?? null,
  };
  return MENU_ACTIONS.map((action) => {
    const spec = ACTION_SPECS[action];
    const needsForm = action === "resize" || action === "rebuild" || action === "snapshot";
    return {
      key: action,
      label: `${spec.label}${spec.confirm || needsForm ? "…" : ""}`,
      danger: action === "delete",
      disabledReason: actionBlockedReason(action, instance),
      onSelect: () => api.request(action, [target]),
    };
  });
}
