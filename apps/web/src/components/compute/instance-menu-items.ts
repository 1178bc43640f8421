import type { RowMenuItem } from "@/components/row-menu";
import { actionMenuLabel, blockedReasonText, type InstanceActionTexts } from "@/lib/compute/action-texts";
import { type ActionSubject, actionBlockedReason, MENU_ACTIONS } from "@/lib/compute/instance-actions";
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
 * instance's page on the action (`?action=<key>`). `texts` (from
 * `useInstanceActionTexts()`) words them in the reader's language.
 */
export function instanceMenuItems(
  instance: MenuInstance,
  api: Pick<InstanceActionsApi, "request">,
  texts: InstanceActionTexts,
): RowMenuItem[] {
  const target = {
    id: instance.id,
    name: instance.name,
    flavorId: instance.flavor.id,
    imageId: instance.image?.id ?? null,
  };
  return MENU_ACTIONS.map((action) => {
    const blocked = actionBlockedReason(action, instance);
    return {
      key: action,
      label: actionMenuLabel(texts, action),
      danger: action === "delete",
      disabledReason: blocked ? blockedReasonText(texts, blocked) : null,
      onSelect: () => api.request(action, [target]),
    };
  });
}
