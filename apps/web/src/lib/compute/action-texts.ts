import { useTranslations } from "next-intl";
import { useMemo } from "react";
import type { AnyInstanceAction, BlockedReason } from "./instance-actions";
import { type StateLabels, useStateLabels } from "./state-labels";

/** The translator of `compute.actions`. */
export type ActionsT = ReturnType<typeof useTranslations<"compute.actions">>;

/** The words of the instance actions in the reader's language, by action key (never from @zenith/compute-actions). */
export interface InstanceActionTexts {
  t: ActionsT;
  states: StateLabels;
}

export function useInstanceActionTexts(): InstanceActionTexts {
  const t = useTranslations("compute.actions");
  const states = useStateLabels();
  return useMemo(() => ({ t, states }), [t, states]);
}

/** "Stop", "Hard reboot"… */
export function actionLabel(texts: InstanceActionTexts, action: AnyInstanceAction): string {
  return texts.t(`label.${action}`);
}

/** The row-menu item: "Stop…" where a confirmation or a form follows. */
export function actionMenuLabel(texts: InstanceActionTexts, action: AnyInstanceAction): string {
  return texts.t(`menu.${action}`);
}

/** The reason an action is greyed out: "Busy: Rebooting", "Not available while Shutoff". */
export function blockedReasonText(texts: InstanceActionTexts, reason: BlockedReason): string {
  switch (reason.kind) {
    case "busy":
      return texts.t("blocked.busy", { task: texts.states.taskState(reason.taskState) });
    case "notAvailable":
      return texts.t("blocked.notAvailable", { status: texts.states.instanceStatus(reason.status) });
    default:
      return texts.t(`blocked.${reason.kind}`);
  }
}
