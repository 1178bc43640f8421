import { useTranslations } from "next-intl";
import { useMemo } from "react";
import { humanize } from "./instance-actions";

/** The translator of `compute.states`: one ICU `select` per kind of OpenStack code. */
export type StatesT = ReturnType<typeof useTranslations<"compute.states">>;

type StateKind =
  | "instanceStatus"
  | "taskState"
  | "powerState"
  | "vmState"
  | "imageStatus"
  | "visibility"
  | "novaAction";

/**
 * The reader's words for OpenStack's codes ("SHUTOFF", "powering-off",
 * "queued"…), never the raw code. Each kind is one ICU select keyed by the
 * code; select keys cannot hold "-", so Nova's "powering-off" is looked up
 * as "powering_off". A code this portal does not know yet (a newer cloud)
 * falls back to its humanized English form rather than disappearing.
 */
export function stateLabel(t: StatesT, kind: StateKind, code: string): string {
  return t(kind, { code: code.replaceAll("-", "_"), fallback: humanize(code) });
}

export interface StateLabels {
  instanceStatus: (code: string) => string;
  taskState: (code: string) => string;
  powerState: (code: string) => string;
  vmState: (code: string) => string;
  imageStatus: (code: string) => string;
  visibility: (code: string) => string;
  novaAction: (code: string) => string;
}

export function stateLabels(t: StatesT): StateLabels {
  return {
    instanceStatus: (code) => stateLabel(t, "instanceStatus", code),
    taskState: (code) => stateLabel(t, "taskState", code),
    powerState: (code) => stateLabel(t, "powerState", code),
    vmState: (code) => stateLabel(t, "vmState", code),
    imageStatus: (code) => stateLabel(t, "imageStatus", code),
    visibility: (code) => stateLabel(t, "visibility", code),
    novaAction: (code) => stateLabel(t, "novaAction", code),
  };
}

/** The labels in the reader's language, for components. */
export function useStateLabels(): StateLabels {
  const t = useTranslations("compute.states");
  return useMemo(() => stateLabels(t), [t]);
}
