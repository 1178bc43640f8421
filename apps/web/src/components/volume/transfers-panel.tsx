"use client";

import { ArrowRightLeft, Trash2 } from "lucide-react";
import { useState } from "react";
import { ConfirmDialog } from "@/components/confirm-dialog";
import { TableError } from "@/components/data-table/table-states";
import { EmptyState } from "@/components/empty-state";
import { RowAction } from "@/components/row-action";
import { useToast } from "@/components/toast/toast-provider";
import { formatDateTime } from "@/lib/compute/format";
import { errorMessageOf } from "@/lib/trpc-errors";
import { type RouterOutputs, trpc } from "@/trpc/react";

type Transfer = RouterOutputs["volume"]["transfers"]["list"][number];

/** The project's pending volume transfers; cancelling one gives the volume back to the project. */
export function TransfersPanel() {
  const toast = useToast();
  const utils = trpc.useUtils();
  const transfers = trpc.volume.transfers.list.useQuery();
  const volumes = trpc.volume.list.useQuery({ pageSize: 100, status: "awaiting-transfer" });
  const [cancelling, setCancelling] = useState<Transfer | null>(null);
  const remove = trpc.volume.transfers.delete.useMutation({
    onSuccess: () => {
      void utils.volume.invalidate();
      toast.show(`Transfer ${cancelling?.name ?? ""} cancelled.`);
      setCancelling(null);
    },
  });
  if (transfers.error) return <TableError error={transfers.error} onRetry={() => void transfers.refetch()} />;
  const rows = transfers.data;
  if (!rows) return <p className="text-sm text-fg-muted">Loading transfers…</p>;
  if (rows.length === 0) {
    return (
      <EmptyState icon={ArrowRightLeft} title="No pending transfers">
        Create a transfer from a volume's actions to hand it to another project.
      </EmptyState>
    );
  }
  const names = new Map((volumes.data?.items ?? []).map((v) => [v.id, v.name || v.id]));
  return (
    <>
      <table className="w-full text-sm" aria-label="Volume transfers">
        <thead className="text-left text-fg-muted">
          <tr>
            <th className="py-2 pr-3 font-medium">Name</th>
            <th className="py-2 pr-3 font-medium">Volume</th>
            <th className="py-2 pr-3 font-medium">Transfer ID</th>
            <th className="py-2 pr-3 font-medium">Created</th>
            <th className="py-2 font-medium">Actions</th>
          </tr>
        </thead>
        <tbody>
          {rows.map((t) => (
            <tr key={t.id} className="border-t border-border">
              <td className="py-2 pr-3 font-medium">{t.name || "—"}</td>
              <td className="py-2 pr-3">
                {names.get(t.volumeId) ?? <code className="text-xs">{t.volumeId}</code>}
              </td>
              <td className="py-2 pr-3">
                <code className="text-xs">{t.id}</code>
              </td>
              <td className="py-2 pr-3">{t.createdAt ? formatDateTime(t.createdAt) : "—"}</td>
              <td className="py-2">
                <RowAction
                  icon={Trash2}
                  label="Cancel transfer"
                  subject={t.name || t.id}
                  danger
                  onClick={() => {
                    remove.reset();
                    setCancelling(t);
                  }}
                />
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      <ConfirmDialog
        open={cancelling !== null}
        title="Cancel transfer?"
        confirmLabel="Cancel transfer"
        busy={remove.isPending}
        error={remove.error ? errorMessageOf(remove.error) : null}
        onCancel={() => setCancelling(null)}
        onConfirm={() => cancelling && remove.mutate({ id: cancelling.id })}
      >
        <p>
          Cancel <strong>{cancelling?.name || cancelling?.id}</strong>? Its key stops working and the volume
          stays in this project.
        </p>
      </ConfirmDialog>
    </>
  );
}
