"use client";

import { useCallback, useState } from "react";
import { useToast } from "@/components/toast/toast-provider";
import { useErrorMessage } from "@/lib/use-error-message";
import { trpc } from "@/trpc/react";
import { actionLabel, type InstanceActionTexts, useInstanceActionTexts } from "./action-texts";
import {
  ACCEPTED_STATE,
  ACTION_SPECS,
  type AnyInstanceAction,
  type InstanceAction,
  isInstanceAction,
} from "./instance-actions";
import { applyAcceptedState } from "./use-instance-updates";

export interface ActionTarget {
  id: string;
  name: string;
}

export type PendingAction =
  | { kind: "confirm"; action: InstanceAction; targets: ActionTarget[] }
  | { kind: "resize"; target: ActionTarget & { flavorId: string } }
  | { kind: "rebuild"; target: ActionTarget & { imageId: string | null } }
  | { kind: "snapshot"; target: ActionTarget };

export interface InstanceActionsApi {
  /** Starts an action: asks first when it is destructive or needs a form. */
  request: (
    action: AnyInstanceAction,
    targets: (ActionTarget & { flavorId?: string; imageId?: string | null })[],
  ) => void;
  pending: PendingAction | null;
  close: () => void;
  /** Runs a plain action now (after confirmation). */
  run: (action: InstanceAction, targets: ActionTarget[]) => Promise<boolean>;
  running: boolean;
  error: string | null;
}

/** The instance's name, or "3 instances" in the reader's language. */
function describeTargets(texts: InstanceActionTexts, targets: ActionTarget[]): string {
  const only = targets.length === 1 ? targets[0]?.name : undefined;
  return only ?? texts.t("targetCount", { count: targets.length });
}

/**
 * The state machine behind every instance action button: plain actions run
 * at once, destructive ones wait for a confirmation, resize/rebuild/snapshot
 * open their form. Results come back per instance; the live stream updates
 * the rows, so nothing refetches here except on failure.
 */
export function useInstanceActions(
  onDone?: (action: InstanceAction, ids: string[]) => void,
): InstanceActionsApi {
  const toast = useToast();
  const texts = useInstanceActionTexts();
  const utils = trpc.useUtils();
  const [pending, setPending] = useState<PendingAction | null>(null);
  const [error, setError] = useState<string | null>(null);
  const mutation = trpc.compute.instances.action.useMutation();

  const errorMessageOf = useErrorMessage();
  const close = useCallback(() => {
    setPending(null);
    setError(null);
  }, []);

  const run = useCallback(
    async (action: InstanceAction, targets: ActionTarget[]): Promise<boolean> => {
      setError(null);
      const sentAt = Date.now();
      try {
        const { results } = await mutation.mutateAsync({ ids: targets.map((t) => t.id), action });
        const failed = results.filter((r) => !r.ok);
        const accepted = ACCEPTED_STATE[action];
        if (accepted) {
          const ids = results.filter((r) => r.ok).map((r) => r.id);
          applyAcceptedState(utils, ids, accepted, sentAt);
        }
        const names = new Map(targets.map((t) => [t.id, t.name]));
        if (failed.length === 0) {
          toast.show(texts.t(`done.${action}`, { target: describeTargets(texts, targets) }));
        } else {
          const detail = failed
            .map((r) =>
              texts.t("failedItem", {
                name: names.get(r.id) ?? r.id,
                message: r.message ?? texts.t("refused"),
              }),
            )
            .join("; ");
          toast.show(texts.t("failedToast", { action: actionLabel(texts, action), detail }), "error");
          void utils.compute.instances.invalidate();
        }
        onDone?.(
          action,
          results.filter((r) => r.ok).map((r) => r.id),
        );
        return true;
      } catch (cause) {
        const message = errorMessageOf(cause);
        setError(message);
        toast.show(message, "error");
        return false;
      }
    },
    [mutation, toast, utils, onDone, texts, errorMessageOf],
  );

  const request: InstanceActionsApi["request"] = useCallback(
    (action, targets) => {
      setError(null);
      const first = targets[0];
      if (!first) return;
      if (action === "resize") {
        setPending({
          kind: "resize",
          target: { id: first.id, name: first.name, flavorId: first.flavorId ?? "" },
        });
        return;
      }
      if (action === "rebuild") {
        setPending({
          kind: "rebuild",
          target: { id: first.id, name: first.name, imageId: first.imageId ?? null },
        });
        return;
      }
      if (action === "snapshot") {
        setPending({ kind: "snapshot", target: { id: first.id, name: first.name } });
        return;
      }
      if (!isInstanceAction(action)) return;
      const plain = targets.map((t) => ({ id: t.id, name: t.name }));
      if (ACTION_SPECS[action].confirm || targets.length > 1) {
        setPending({ kind: "confirm", action, targets: plain });
        return;
      }
      void run(action, plain);
    },
    [run],
  );

  return { request, pending, close, run, running: mutation.isPending, error };
}
