"use client";

import { ArrowRightLeft, Trash2 } from "lucide-react";
import { useFormatter, useTranslations } from "next-intl";
import { useState } from "react";
import { ConfirmDialog } from "@/components/confirm-dialog";
import { TableError } from "@/components/data-table/table-states";
import { EmptyState } from "@/components/empty-state";
import { RowAction } from "@/components/row-action";
import { useToast } from "@/components/toast/toast-provider";
import { formatDateTime, MISSING } from "@/i18n/format";
import { useErrorMessage } from "@/lib/use-error-message";
import { type RouterOutputs, trpc } from "@/trpc/react";

type Transfer = RouterOutputs["volume"]["transfers"]["list"][number];

/** The project's pending volume transfers; cancelling one gives the volume back to the project. */
export function TransfersPanel() {
  const errorMessageOf = useErrorMessage();
  const t = useTranslations("volume");
  const format = useFormatter();
  const toast = useToast();
  const utils = trpc.useUtils();
  const transfers = trpc.volume.transfers.list.useQuery();
  const volumes = trpc.volume.list.useQuery({ pageSize: 100, status: "awaiting-transfer" });
  const [cancelling, setCancelling] = useState<Transfer | null>(null);
  const remove = trpc.volume.transfers.delete.useMutation({
    onSuccess: () => {
      void utils.volume.invalidate();
      toast.show(t("transfers.cancelledToast", { name: cancelling?.name ?? "" }));
      setCancelling(null);
    },
  });
  if (transfers.error) return <TableError error={transfers.error} onRetry={() => void transfers.refetch()} />;
  const rows = transfers.data;
  if (!rows) return <p className="text-sm text-fg-muted">{t("transfers.loading")}</p>;
  if (rows.length === 0) {
    return (
      <EmptyState icon={ArrowRightLeft} title={t("transfers.empty")}>
        {t("transfers.emptyHint")}
      </EmptyState>
    );
  }
  const names = new Map((volumes.data?.items ?? []).map((v) => [v.id, v.name || v.id]));
  return (
    <>
      <table className="w-full text-sm" aria-label={t("transfers.label")}>
        <thead className="text-left text-fg-muted">
          <tr>
            <th className="py-2 pr-3 font-medium">{t("fields.name")}</th>
            <th className="py-2 pr-3 font-medium">{t("fields.volume")}</th>
            <th className="py-2 pr-3 font-medium">{t("fields.transferId")}</th>
            <th className="py-2 pr-3 font-medium">{t("fields.created")}</th>
            <th className="py-2 font-medium">{t("fields.actions")}</th>
          </tr>
        </thead>
        <tbody>
          {rows.map((transfer) => (
            <tr key={transfer.id} className="border-t border-border">
              <td className="py-2 pr-3 font-medium">{transfer.name || MISSING}</td>
              <td className="py-2 pr-3">
                {names.get(transfer.volumeId) ?? <code className="text-xs">{transfer.volumeId}</code>}
              </td>
              <td className="py-2 pr-3">
                <code className="text-xs">{transfer.id}</code>
              </td>
              <td className="py-2 pr-3">
                {transfer.createdAt ? formatDateTime(format, transfer.createdAt) : MISSING}
              </td>
              <td className="py-2">
                <RowAction
                  icon={Trash2}
                  label={t("transfers.cancel")}
                  subject={transfer.name || transfer.id}
                  danger
                  onClick={() => {
                    remove.reset();
                    setCancelling(transfer);
                  }}
                />
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      <ConfirmDialog
        open={cancelling !== null}
        title={t("transfers.cancelTitle")}
        confirmLabel={t("transfers.cancel")}
        busy={remove.isPending}
        error={remove.error ? errorMessageOf(remove.error) : null}
        onCancel={() => setCancelling(null)}
        onConfirm={() => cancelling && remove.mutate({ id: cancelling.id })}
      >
        <p>
          {t.rich("transfers.cancelConfirm", {
            name: cancelling?.name || cancelling?.id || "",
            strong: (c) => <strong>{c}</strong>,
          })}
        </p>
      </ConfirmDialog>
    </>
  );
}
