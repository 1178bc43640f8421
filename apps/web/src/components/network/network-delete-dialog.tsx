"use client";

import { useTranslations } from "next-intl";
import { ConfirmDialog, mutationConfirmProps } from "@/components/confirm-dialog";
import { useToast } from "@/components/toast/toast-provider";
import { networkErrorMessage } from "@/lib/network/network-errors";
import { networkDelete } from "@/lib/openstack-cli/network";
import { useErrorMessage } from "@/lib/use-error-message";
import { trpc } from "@/trpc/react";

/**
 * Confirms deleting a network. The BFF refuses while something uses it and
 * names what (instances, router interfaces); that reason is shown here as is.
 */
export function NetworkDeleteDialog({
  network,
  onClose,
  onDeleted,
}: {
  network: { id: string; name: string; subnets: { cidr: string }[] } | null;
  onClose: () => void;
  onDeleted?: () => void;
}) {
  const t = useTranslations("network.networkForm");
  const errorMessageOf = useErrorMessage();
  const utils = trpc.useUtils();
  const toast = useToast();
  const remove = trpc.network.networks.delete.useMutation({
    onSuccess: () => {
      void utils.network.networks.invalidate();
      if (network) toast.show(t("deletedToast", { name: network.name || network.id }));
      onDeleted?.();
      onClose();
    },
  });
  return (
    <ConfirmDialog
      open={network !== null}
      title={t("deleteTitle")}
      confirmLabel={t("deleteTitle")}
      {...mutationConfirmProps(remove, onClose, (error) => networkErrorMessage(error, errorMessageOf))}
      onConfirm={() => network && remove.mutate({ id: network.id })}
      cli={network ? networkDelete(network.id) : undefined}
    >
      {network ? (
        <p>
          {t.rich("deleteConfirm", {
            name: network.name || network.id,
            count: network.subnets.length,
            cidrs: network.subnets.map((s) => s.cidr).join(", "),
            strong: (chunks) => <strong>{chunks}</strong>,
          })}
        </p>
      ) : null}
    </ConfirmDialog>
  );
}
