"use client";

import { Archive, RotateCcw, Trash2 } from "lucide-react";
import { useFormatter, useTranslations } from "next-intl";
import { useState } from "react";
import { ConfirmDialog } from "@/components/confirm-dialog";
import { TableError } from "@/components/data-table/table-states";
import { EmptyState } from "@/components/empty-state";
import { RowAction } from "@/components/row-action";
import { useToast } from "@/components/toast/toast-provider";
import { Button } from "@/components/ui/button";
import { formatDateTime, MISSING } from "@/i18n/format";
import { volumeBackupDelete, volumeBackupRestore } from "@/lib/openstack-cli/volume";
import { useErrorMessage } from "@/lib/use-error-message";
import { formatGib } from "@/lib/volume/volume-status";
import { type RouterOutputs, trpc } from "@/trpc/react";
import { VolumeStatusBadge } from "./volume-status-badge";

type Backup = RouterOutputs["volume"]["backups"]["list"][number];
type Pending = { kind: "restore" | "delete"; backup: Backup } | null;

const BUSY = new Set(["creating", "deleting", "restoring"]);

/**
 * Backups of the project (or of one volume): a full copy kept apart from
 * the volume, restored into a new volume. `volumeId` adds "Back up now".
 */
export function BackupsPanel({ volume }: { volume?: { id: string; name: string; attached: boolean } }) {
  const errorMessageOf = useErrorMessage();
  const t = useTranslations("volume");
  const tCommon = useTranslations("common");
  const format = useFormatter();
  const toast = useToast();
  const utils = trpc.useUtils();
  const backups = trpc.volume.backups.list.useQuery(volume ? { volumeId: volume.id } : {}, {
    refetchInterval: (q) => (q.state.data?.some((b) => BUSY.has(b.status)) ? 2000 : false),
  });
  const [pending, setPending] = useState<Pending>(null);
  const refresh = () => {
    void utils.volume.invalidate();
    void utils.compute.overview.invalidate();
  };
  const create = trpc.volume.backups.create.useMutation({
    onSuccess: () => {
      refresh();
      toast.show(volume ? t("backups.startedToast", { name: volume.name }) : t("backups.startedThisToast"));
    },
  });
  const restore = trpc.volume.backups.restore.useMutation({
    onSuccess: () => {
      refresh();
      toast.show(t("backups.restoringToast", { name: pending?.backup.name ?? "" }));
      setPending(null);
    },
  });
  const remove = trpc.volume.backups.delete.useMutation({
    onSuccess: () => {
      refresh();
      toast.show(t("backups.deletedToast", { name: pending?.backup.name ?? "" }));
      setPending(null);
    },
  });
  const mutation = pending?.kind === "restore" ? restore : remove;
  const backUp = volume ? (
    <Button
      variant="primary"
      busy={create.isPending}
      onClick={() =>
        create.mutate({
          volumeId: volume.id,
          name: `${volume.name}-backup-${new Date().toISOString().slice(0, 16).replace(/[-:T]/g, "")}`,
          force: volume.attached,
        })
      }
    >
      <Archive size={16} aria-hidden /> {t("backups.backUpNow")}
    </Button>
  ) : null;

  if (backups.error) return <TableError error={backups.error} onRetry={() => void backups.refetch()} />;
  const rows = backups.data;
  if (!rows) return <p className="text-sm text-fg-muted">{t("backups.loading")}</p>;
  return (
    <div className="grid gap-3">
      {backUp ? <div className="flex justify-end">{backUp}</div> : null}
      {create.error ? (
        <p role="alert" className="text-sm text-danger">
          {errorMessageOf(create.error)}
        </p>
      ) : null}
      {rows.length === 0 ? (
        <EmptyState icon={Archive} title={t("backups.empty")}>
          {t("backups.emptyHint")}
        </EmptyState>
      ) : (
        <table className="w-full text-sm" aria-label={t("backups.label")}>
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
            {rows.map((b) => (
              <tr key={b.id} className="border-t border-border">
                <td className="py-2 pr-3 font-medium">{b.name || <code className="text-xs">{b.id}</code>}</td>
                <td className="py-2 pr-3">{b.volume.name}</td>
                <td className="py-2 pr-3">{b.size === null ? MISSING : formatGib(format, b.size)}</td>
                <td className="py-2 pr-3">
                  <VolumeStatusBadge status={b.status} />
                  {b.failReason ? <span className="ml-2 text-xs text-danger">{b.failReason}</span> : null}
                </td>
                <td className="py-2 pr-3">{b.createdAt ? formatDateTime(format, b.createdAt) : MISSING}</td>
                <td className="py-2">
                  <RowAction
                    icon={RotateCcw}
                    label={t("backups.restore")}
                    subject={b.name || b.id}
                    disabled={b.status !== "available"}
                    onClick={() => {
                      restore.reset();
                      setPending({ kind: "restore", backup: b });
                    }}
                  />
                  <RowAction
                    icon={Trash2}
                    label={tCommon("delete")}
                    subject={b.name || b.id}
                    danger
                    onClick={() => {
                      remove.reset();
                      setPending({ kind: "delete", backup: b });
                    }}
                  />
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      <ConfirmDialog
        open={pending !== null}
        title={pending?.kind === "restore" ? t("backups.restoreTitle") : t("backups.deleteTitle")}
        confirmLabel={pending?.kind === "restore" ? t("backups.restoreSubmit") : t("backups.deleteSubmit")}
        busy={mutation.isPending}
        error={mutation.error ? errorMessageOf(mutation.error) : null}
        onCancel={() => setPending(null)}
        cli={
          pending?.kind === "restore"
            ? volumeBackupRestore({
                backupId: pending.backup.id,
                newVolumeName: `${pending.backup.name || "backup"}-restored`,
              })
            : pending
              ? volumeBackupDelete(pending.backup.id)
              : undefined
        }
        onConfirm={() =>
          pending &&
          (pending.kind === "restore"
            ? restore.mutate({ id: pending.backup.id, name: `${pending.backup.name || "backup"}-restored` })
            : remove.mutate({ id: pending.backup.id }))
        }
      >
        {pending?.kind === "restore" ? (
          <p>
            {t.rich("backups.restoreConfirm", {
              name: pending.backup.name || pending.backup.id,
              strong: (c) => <strong>{c}</strong>,
            })}
          </p>
        ) : (
          <p>
            {t.rich("backups.deleteConfirm", {
              name: pending?.backup.name || pending?.backup.id || "",
              strong: (c) => <strong>{c}</strong>,
            })}
          </p>
        )}
      </ConfirmDialog>
    </div>
  );
}
