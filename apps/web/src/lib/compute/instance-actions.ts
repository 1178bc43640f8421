import type { RouterInputs } from "@/trpc/react";

/** The bulk/instance actions `compute.instances.action` accepts: the BFF's input type is the one list. */
export type InstanceAction = RouterInputs["compute"]["instances"]["action"]["action"];

/** Actions that need a form of their own (a flavor, an image, a name). */
const FORM_ACTIONS = ["resize", "rebuild", "snapshot"] as const;
export type InstanceFormAction = (typeof FORM_ACTIONS)[number];

export type AnyInstanceAction = InstanceAction | InstanceFormAction;

/** What an action needs to know about an instance to say whether it applies. */
export interface ActionSubject {
  status: string;
  taskState: string | null;
  locked: boolean;
}

interface ActionSpec {
  label: string;
  /** Past tense for the result toast: "Rebooted web-1". */
  done: string;
  /** Destructive or disruptive actions ask first. */
  confirm: boolean;
  /** Statuses the action applies to; undefined means any. */
  statuses?: readonly string[];
  /** Allowed while a task runs (Nova refuses most actions then). */
  whileBusy?: boolean;
  /** Allowed on a locked instance (only unlock and delete-by-admin are, in Nova). */
  whenLocked?: boolean;
}

const RUNNING = ["ACTIVE"];
const STOPPABLE = ["ACTIVE", "PAUSED", "SUSPENDED", "ERROR", "VERIFY_RESIZE"];

export const ACTION_SPECS: Record<AnyInstanceAction, ActionSpec> = {
  start: { label: "Start", done: "Starting", confirm: false, statuses: ["SHUTOFF"] },
  stop: { label: "Stop", done: "Stopping", confirm: true, statuses: STOPPABLE },
  reboot: { label: "Reboot", done: "Rebooting", confirm: true, statuses: RUNNING },
  hardReboot: {
    label: "Hard reboot",
    done: "Hard rebooting",
    confirm: true,
    statuses: ["ACTIVE", "SHUTOFF", "PAUSED", "SUSPENDED", "ERROR"],
  },
  pause: { label: "Pause", done: "Pausing", confirm: false, statuses: RUNNING },
  unpause: { label: "Unpause", done: "Unpausing", confirm: false, statuses: ["PAUSED"] },
  suspend: { label: "Suspend", done: "Suspending", confirm: true, statuses: RUNNING },
  resume: { label: "Resume", done: "Resuming", confirm: false, statuses: ["SUSPENDED"] },
  lock: { label: "Lock", done: "Locked", confirm: false, whileBusy: true, whenLocked: true },
  unlock: { label: "Unlock", done: "Unlocked", confirm: false, whileBusy: true, whenLocked: true },
  resize: { label: "Resize", done: "Resizing", confirm: false, statuses: ["ACTIVE", "SHUTOFF"] },
  confirmResize: {
    label: "Confirm resize",
    done: "Confirmed the resize of",
    confirm: false,
    statuses: ["VERIFY_RESIZE"],
  },
  revertResize: {
    label: "Revert resize",
    done: "Reverting the resize of",
    confirm: true,
    statuses: ["VERIFY_RESIZE"],
  },
  rebuild: { label: "Rebuild", done: "Rebuilding", confirm: false, statuses: ["ACTIVE", "SHUTOFF", "ERROR"] },
  snapshot: {
    label: "Create snapshot",
    done: "Snapshotting",
    confirm: false,
    statuses: ["ACTIVE", "SHUTOFF", "PAUSED", "SUSPENDED"],
  },
  delete: { label: "Delete", done: "Deleting", confirm: true, whileBusy: true },
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

/** Why an action does not apply to an instance now, or null when it does. */
export function actionBlockedReason(action: AnyInstanceAction, subject: ActionSubject): string | null {
  const spec = ACTION_SPECS[action];
  if (action === "lock" && subject.locked) return "Already locked";
  if (action === "unlock" && !subject.locked) return "Not locked";
  if (subject.locked && !spec.whenLocked && action !== "delete") return "The instance is locked";
  if (subject.taskState && !spec.whileBusy) return `Busy: ${humanize(subject.taskState)}`;
  if (spec.statuses && !spec.statuses.includes(subject.status)) {
    return `Not available while ${humanize(subject.status)}`;
  }
  return null;
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
