"use client";

import { useTranslations } from "next-intl";
import { ConfirmDialog, mutationConfirmProps } from "@/components/confirm-dialog";
import { useToast } from "@/components/toast/toast-provider";
import { type ErrorMessageOf, trpcCodeOf } from "@/lib/trpc-errors";
import { useErrorMessage } from "@/lib/use-error-message";
import { trpc } from "@/trpc/react";

type GroupsT = ReturnType<typeof useTranslations<"network.securityGroups">>;

interface DeletableGroup {
  id: string;
  name: string;
  ruleCount: number;
  instanceCount: number;
}

/**
 * Neutron's own words for a group still on ports ("Security Group … in use."),
 * followed by what to do; the generic conflict hint is about names.
 */
function deleteErrorOf(t: GroupsT, error: unknown, messageOf: ErrorMessageOf): string {
  if (trpcCodeOf(error) === "CONFLICT" && error instanceof Error) {
    return t("deleteConflict", { reason: messageOf(error, { bare: true }) });
  }
  return messageOf(error);
}

/** Confirms deleting a security group, from its row or its page (`onDeleted` lets the page leave). */
export function SecurityGroupDeleteDialog({
  group,
  onClose,
  onDeleted,
}: {
  group: DeletableGroup | null;
  onClose: () => void;
  onDeleted?: () => void;
}) {
  const t = useTranslations("network.securityGroups");
  const errorMessageOf = useErrorMessage();
  const utils = trpc.useUtils();
  const toast = useToast();
  const remove = trpc.network.securityGroups.delete.useMutation({
    onSuccess: () => {
      void utils.network.securityGroups.list.invalidate();
      if (group) toast.show(t("deletedToast", { name: group.name }));
      onDeleted?.();
      onClose();
    },
  });
  return (
    <ConfirmDialog
      open={group !== null}
      title={t("deleteTitle")}
      confirmLabel={t("deleteGroup")}
      {...mutationConfirmProps(remove, onClose, (error) => deleteErrorOf(t, error, errorMessageOf))}
      onConfirm={() => group && remove.mutate({ id: group.id })}
    >
      {group ? (
        <p>
          {t.rich("deleteConfirm", {
            name: group.name,
            rules: group.ruleCount,
            instances: group.instanceCount,
            strong: (chunks) => <strong>{chunks}</strong>,
          })}
        </p>
      ) : null}
    </ConfirmDialog>
  );
}
