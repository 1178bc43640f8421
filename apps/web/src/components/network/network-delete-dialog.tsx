"use client";

import { ConfirmDialog } from "@/components/confirm-dialog";
import { useToast } from "@/components/toast/toast-provider";
import { networkErrorMessage } from "@/lib/network/network-errors";
import { networkDelete } from "@/lib/openstack-cli/network";
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
  const utils = trpc.useUtils();
  const toast = useToast();
  const remove = trpc.network.networks.delete.useMutation({
    onSuccess: () => {
      void utils.network.networks.invalidate();
      if (network) toast.show(`Network ${network.name || network.id} deleted.`);
      onDeleted?.();
      onClose();
    },
  });
  const cancel = () => {
    remove.reset();
    onClose();
  };
  return (
    <ConfirmDialog
      open={network !== null}
      title="Delete network"
      confirmLabel="Delete network"
      busy={remove.isPending}
      error={remove.error ? networkErrorMessage(remove.error) : null}
      onCancel={cancel}
      onConfirm={() => network && remove.mutate({ id: network.id })}
      cli={network ? networkDelete(network.id) : undefined}
    >
      {network ? (
        <p>
          Delete network <strong>{network.name || network.id}</strong>
          {network.subnets.length > 0
            ? ` and its subnet${network.subnets.length === 1 ? "" : "s"} ${network.subnets.map((s) => s.cidr).join(", ")}`
            : ""}
          ? This cannot be undone.
        </p>
      ) : null}
    </ConfirmDialog>
  );
}
