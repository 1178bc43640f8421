"use client";

import { Archive, RotateCcw, Trash2 } from "lucide-react";
import { useState } from "react";
import { ConfirmDialog } from "@/components/confirm-dialog";
import { TableError } from "@/components/data-table/table-states";
import { EmptyState } from "@/components/empty-state";
import { RowAction } from "@/components/row-action";
import { useToast } from "@/components/toast/toast-provider";
import { Button } from "@/components/ui/button";
import { formatDateTime } from "@/lib/compute/format";
import { volumeBackupDelete, volumeBackupRestore } from "@/lib/openstack-cli/volume";
import { errorMessageOf } from "@/lib/trpc-errors";
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
      toast.show(`Backup of ${volume?.name ?? "the volume"} started.`);
    },
  });
  const restore = trpc.volume.backups.restore.useMutation({
    onSuccess: () => {
      refresh();
      toast.show(`Backup ${pending?.backup.name ?? ""} is being restored into a new volume.`);
      setPending(null);
    },
  });
  const remove = trpc.volume.backups.delete.useMutation({
    onSuccess: () => {
      refresh();
      toast.show(`Backup ${pending?.backup.name ?? ""} is being deleted.`);
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
      <Archive size={16} aria-hidden /> Back up now
    </Button>
  ) : null;

  if (backups.error) return <TableError error={backups.error} onRetry={() => void backups.refetch()} />;
  const rows = backups.data;
  if (!rows) return <p className="text-sm text-fg-muted">Loading backups…</p>;
  return (
    <div className="grid gap-3">
      {backUp ? <div className="flex justify-end">{backUp}</div> : null}
      {create.error ? (
        <p role="alert" className="text-sm text-danger">
          {errorMessageOf(create.error)}
        </p>
      ) : null}
      {rows.length === 0 ? (
        <EmptyState icon={Archive} title="No backups">
          A backup is a full copy of a volume kept apart from it; restore it into a new volume when needed.
        </EmptyState>
      ) : (
        <table className="w-full text-sm" aria-label="Volume backups">
          <thead className="text-left text-fg-muted">
            <tr>
              <th className="py-2 pr-3 font-medium">Name</th>
              <th className="py-2 pr-3 font-medium">Volume</th>
              <th className="py-2 pr-3 font-medium">Size</th>
              <th className="py-2 pr-3 font-medium">Status</th>
              <th className="py-2 pr-3 font-medium">Created</th>
              <th className="py-2 font-medium">Actions</th>
            </tr>
          </thead>
          <tbody>
            {rows.map((b) => (
              <tr key={b.id} className="border-t border-border">
                <td className="py-2 pr-3 font-medium">{b.name || <code className="text-xs">{b.id}</code>}</td>
                <td className="py-2 pr-3">{b.volume.name}</td>
                <td className="py-2 pr-3">{b.size === null ? "—" : `${b.size} GiB`}</td>
                <td className="py-2 pr-3">
                  <VolumeStatusBadge status={b.status} />
                  {b.failReason ? <span className="ml-2 text-xs text-danger">{b.failReason}</span> : null}
                </td>
                <td className="py-2 pr-3">{b.createdAt ? formatDateTime(b.createdAt) : "—"}</td>
                <td className="py-2">
                  <RowAction
                    icon={RotateCcw}
                    label="Restore"
                    subject={b.name || b.id}
                    disabled={b.status !== "available"}
                    onClick={() => {
                      restore.reset();
                      setPending({ kind: "restore", backup: b });
                    }}
                  />
                  <RowAction
                    icon={Trash2}
                    label="Delete"
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
        title={pending?.kind === "restore" ? "Restore backup?" : "Delete backup?"}
        confirmLabel={pending?.kind === "restore" ? "Restore to a new volume" : "Delete backup"}
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
            Restore <strong>{pending.backup.name || pending.backup.id}</strong> into a new volume of the
            project?
          </p>
        ) : (
          <p>
            Delete <strong>{pending?.backup.name || pending?.backup.id}</strong>? The copy is gone for good.
          </p>
        )}
      </ConfirmDialog>
    </div>
  );
}
