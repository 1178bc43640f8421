import type { RouterInputs, RouterOutputs } from "@/trpc/react";

/** The bulk/instance actions `compute.instances.action` accepts: the BFF's input type is the one list. */
export type InstanceAction = RouterInputs["compute"]["instances"]["action"]["action"];

/** Actions that need a form of their own (a flavor, an image, a name). */
const FORM_ACTIONS = ["resize", "rebuild", "snapshot"] as const;
export type InstanceFormAction = (typeof FORM_ACTIONS)[number];

export type AnyInstanceAction = InstanceAction | InstanceFormAction;

/** The cloud's name of an action in the shared action table, which the BFF evaluates. */
type TableAction = RouterOutputs["compute"]["instances"]["list"]["items"][number]["actions"][number];

/** What an action needs to know about an instance to say whether it applies. */
export interface ActionSubject {
  status: string;
  taskState: string | null;
  locked: boolean;
  /** What the BFF says the cloud accepts now (Nova's rules, one table shared with the control plane). */
  actions: readonly TableAction[];
}

/**
 * How an action behaves in the portal. Its words (label, menu item, result
 * toast) are messages keyed by the action (`compute.actions.*`, see
 * action-texts.ts), so they read in the reader's language.
 */
interface ActionSpec {
  /** Destructive or disruptive actions ask first. */
  confirm: boolean;
  /** Offered while a task runs, as far as the BFF's list allows (Nova refuses most actions then). */
  whileBusy?: boolean;
}

export const ACTION_SPECS: Record<AnyInstanceAction, ActionSpec> = {
  start: { confirm: false },
  stop: { confirm: true },
  reboot: { confirm: true },
  hardReboot: { confirm: true, whileBusy: true },
  pause: { confirm: false },
  unpause: { confirm: false },
  suspend: { confirm: true },
  resume: { confirm: false },
  lock: { confirm: false, whileBusy: true },
  unlock: { confirm: false, whileBusy: true },
  resize: { confirm: false },
  confirmResize: { confirm: false },
  revertResize: { confirm: true },
  rebuild: { confirm: false },
  snapshot: { confirm: false },
  delete: { confirm: true, whileBusy: true },
};

/** The order of the row menu. */
export const MENU_ACTIONS: readonly AnyInstanceAction[] = [
  "start",
  "stop",
  "reboot",
  "hardReboot",
  "pause",
  "unpause",
  "suspend",
  "resume",
  "lock",
  "unlock",
  "resize",
  "confirmResize",
  "revertResize",
  "rebuild",
  "snapshot",
  "delete",
];

/** The bulk actions offered above the table. */
export const BULK_ACTIONS = [
  "start",
  "stop",
  "reboot",
  "delete",
] as const satisfies readonly InstanceAction[];

/** Each portal action's name in the table (only the snapshot differs). */
const TABLE_NAME: Record<AnyInstanceAction, TableAction> = {
  start: "start",
  stop: "stop",
  reboot: "reboot",
  hardReboot: "hardReboot",
  pause: "pause",
  unpause: "unpause",
  suspend: "suspend",
  resume: "resume",
  lock: "lock",
  unlock: "unlock",
  resize: "resize",
  confirmResize: "confirmResize",
  revertResize: "revertResize",
  rebuild: "rebuild",
  snapshot: "createImage",
  delete: "delete",
};

/** Why an action does not apply now, as data: action-texts.ts words it in the reader's language. */
export type BlockedReason =
  | { kind: "alreadyLocked" }
  | { kind: "notLocked" }
  | { kind: "busy"; taskState: string }
  | { kind: "locked" }
  | { kind: "notAvailable"; status: string };

/**
 * Why an action does not apply to an instance now, or null when it does:
 * the BFF's list of accepted actions decides (so the portal never offers
 * what the cloud answers 409 to); the task check first covers the moment
 * between an accepted action and the push that brings the new list.
 */
export function actionBlockedReason(action: AnyInstanceAction, subject: ActionSubject): BlockedReason | null {
  const spec = ACTION_SPECS[action];
  if (action === "lock" && subject.locked) return { kind: "alreadyLocked" };
  if (action === "unlock" && !subject.locked) return { kind: "notLocked" };
  if (subject.taskState && !spec.whileBusy) return { kind: "busy", taskState: subject.taskState };
  if (subject.actions.includes(TABLE_NAME[action])) return null;
  if (subject.locked) return { kind: "locked" };
  if (subject.taskState) return { kind: "busy", taskState: subject.taskState };
  return { kind: "notAvailable", status: subject.status };
}

/** "HARD_REBOOT" → "Hard reboot", "reboot_started" → "Reboot started". */
export function humanize(code: string): string {
  const words = code.replaceAll("_", " ").replaceAll("-", " ").toLowerCase().trim();
  return words.charAt(0).toUpperCase() + words.slice(1);
}

export function isInstanceAction(action: AnyInstanceAction): action is InstanceAction {
  return !(FORM_ACTIONS as readonly string[]).includes(action);
}

export interface InstancePatch {
  status?: string;
  taskState?: string | null;
  locked?: boolean;
}

/**
 * What Nova reports right after it accepts an action (status and task
 * state are set synchronously by the API), shown at once so a fast
 * transition is never invisible; the push stream brings what follows.
 */
export const ACCEPTED_STATE: Partial<Record<AnyInstanceAction, InstancePatch>> = {
  start: { taskState: "powering-on" },
  stop: { taskState: "powering-off" },
  reboot: { status: "REBOOT", taskState: "rebooting" },
  hardReboot: { status: "HARD_REBOOT", taskState: "rebooting_hard" },
  pause: { taskState: "pausing" },
  unpause: { taskState: "unpausing" },
  suspend: { taskState: "suspending" },
  resume: { taskState: "resuming" },
  lock: { locked: true },
  unlock: { locked: false },
  resize: { status: "RESIZE", taskState: "resize_prep" },
  revertResize: { status: "REVERT_RESIZE", taskState: "resize_reverting" },
  rebuild: { status: "REBUILD", taskState: "rebuilding" },
  snapshot: { taskState: "image_snapshot" },
  delete: { taskState: "deleting" },
};
