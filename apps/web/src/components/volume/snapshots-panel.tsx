"use client";

import { Camera, HardDrive, Trash2 } from "lucide-react";
import { useFormatter, useTranslations } from "next-intl";
import { useState } from "react";
import { ConfirmDialog } from "@/components/confirm-dialog";
import { TableError } from "@/components/data-table/table-states";
import { EmptyState } from "@/components/empty-state";
import { RowAction } from "@/components/row-action";
import { useToast } from "@/components/toast/toast-provider";
import { formatDateTime } from "@/i18n/format";
import { useErrorMessage } from "@/lib/use-error-message";
import { formatGib } from "@/lib/volume/volume-status";
import { type RouterOutputs, trpc } from "@/trpc/react";
import { CreateVolumeDialog } from "./create-volume-dialog";
import { VolumeStatusBadge } from "./volume-status-badge";

type Snapshot = RouterOutputs["volume"]["snapshots"]["list"][number];

/** Volume snapshots of the project (or of one volume): create a volume from one, delete. */
export function SnapshotsPanel({ volumeId }: { volumeId?: string }) {
  const errorMessageOf = useErrorMessage();
  const t = useTranslations("volume");
  const tCommon = useTranslations("common");
  const format = useFormatter();
  const toast = useToast();
  const utils = trpc.useUtils();
  const snapshots = trpc.volume.snapshots.list.useQuery(volumeId ? { volumeId } : {}, {
    // Creating and deleting snapshots settle within seconds; poll only while one moves.
    refetchInterval: (q) =>
      q.state.data?.some((s) => s.status === "creating" || s.status === "deleting") ? 2000 : false,
  });
  const [deleting, setDeleting] = useState<Snapshot | null>(null);
  const [fromSnapshot, setFromSnapshot] = useState<Snapshot | null>(null);
  const remove = trpc.volume.snapshots.delete.useMutation({
    onSuccess: () => {
      void utils.volume.snapshots.invalidate();
      void utils.compute.overview.invalidate();
      toast.show(t("snapshots.deletedToast", { name: deleting?.name ?? "" }));
      setDeleting(null);
    },
  });
  if (snapshots.error) return <TableError error={snapshots.error} onRetry={() => void snapshots.refetch()} />;
  const rows = snapshots.data;
  if (!rows) return <p className="text-sm text-fg-muted">{t("snapshots.loading")}</p>;
  if (rows.length === 0) {
    return (
      <EmptyState icon={Camera} title={t("snapshots.empty")}>
        {t("snapshots.emptyHint")}
      </EmptyState>
    );
  }
  return (
    <>
      <table className="w-full text-sm" aria-label={t("snapshots.label")}>
        <thead className="text-left text-fg-muted">
          <tr>
            <th className="py-2 pr-3 font-medium">{t("fields.name")}</th>
            <th className="py-2 pr-3 font-medium">{t("fields.volume")}</th>
            <th className="py-2 pr-3 font-medium">{t("fields.size")}</th>
            <th className="py-2 pr-3 font-medium">{t("fields.status")}</th>
            <th className="py-2 pr-3 font-medium">{t("fields.created")}</th>
            <th className="py-2 font-medium">{t("fields.actions")}</th>
          </tr>
        </thead>
        <tbody>
          {rows.map((s) => (
            <tr key={s.id} className="border-t border-border">
              <td className="py-2 pr-3 font-medium">{s.name || <code className="text-xs">{s.id}</code>}</td>
              <td className="py-2 pr-3">{s.volume.name}</td>
              <td className="py-2 pr-3">{formatGib(format, s.size)}</td>
              <td className="py-2 pr-3">
                <VolumeStatusBadge status={s.status} />
              </td>
              <td className="py-2 pr-3">{formatDateTime(format, s.createdAt)}</td>
              <td className="py-2">
                <RowAction
                  icon={HardDrive}
                  label={t("snapshots.createVolume")}
                  subject={s.name || s.id}
                  disabled={s.status !== "available"}
                  onClick={() => setFromSnapshot(s)}
                />
                <RowAction
                  icon={Trash2}
                  label={tCommon("delete")}
                  subject={s.name || s.id}
                  danger
                  onClick={() => {
                    remove.reset();
                    setDeleting(s);
                  }}
                />
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      {fromSnapshot ? (
        <CreateVolumeDialog
          open
          onClose={() => setFromSnapshot(null)}
          initialSource={{ kind: "snapshot", id: fromSnapshot.id }}
        />
      ) : null}
      <ConfirmDialog
        open={deleting !== null}
        title={t("snapshots.deleteTitle")}
        confirmLabel={t("snapshots.deleteSubmit")}
        busy={remove.isPending}
        error={remove.error ? errorMessageOf(remove.error) : null}
        onCancel={() => setDeleting(null)}
        onConfirm={() => deleting && remove.mutate({ id: deleting.id })}
      >
        <p>
          {t.rich("snapshots.deleteConfirm", {
            name: deleting?.name || deleting?.id || "",
            strong: (c) => <strong>{c}</strong>,
          })}
        </p>
      </ConfirmDialog>
    </>
  );
}
