"use client";

import { Camera, HardDrive, Trash2 } from "lucide-react";
import { useState } from "react";
import { ConfirmDialog } from "@/components/confirm-dialog";
import { TableError } from "@/components/data-table/table-states";
import { EmptyState } from "@/components/empty-state";
import { RowAction } from "@/components/row-action";
import { useToast } from "@/components/toast/toast-provider";
import { formatDateTime } from "@/lib/compute/format";
import { errorMessageOf } from "@/lib/trpc-errors";
import { type RouterOutputs, trpc } from "@/trpc/react";
import { CreateVolumeDialog } from "./create-volume-dialog";
import { VolumeStatusBadge } from "./volume-status-badge";

type Snapshot = RouterOutputs["volume"]["snapshots"]["list"][number];

/** Volume snapshots of the project (or of one volume): create a volume from one, delete. */
export function SnapshotsPanel({ volumeId }: { volumeId?: string }) {
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
      toast.show(`Snapshot ${deleting?.name ?? ""} is being deleted.`);
      setDeleting(null);
    },
  });
  if (snapshots.error) return <TableError error={snapshots.error} onRetry={() => void snapshots.refetch()} />;
  const rows = snapshots.data;
  if (!rows) return <p className="text-sm text-fg-muted">Loading snapshots…</p>;
  if (rows.length === 0) {
    return (
      <EmptyState icon={Camera} title="No snapshots">
        Create one from a volume's actions: it keeps the volume's data as it was, to make new volumes from.
      </EmptyState>
    );
  }
  return (
    <>
      <table className="w-full text-sm" aria-label="Volume snapshots">
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
          {rows.map((s) => (
            <tr key={s.id} className="border-t border-border">
              <td className="py-2 pr-3 font-medium">{s.name || <code className="text-xs">{s.id}</code>}</td>
              <td className="py-2 pr-3">{s.volume.name}</td>
              <td className="py-2 pr-3">{s.size} GiB</td>
              <td className="py-2 pr-3">
                <VolumeStatusBadge status={s.status} />
              </td>
              <td className="py-2 pr-3">{formatDateTime(s.createdAt)}</td>
              <td className="py-2">
                <RowAction
                  icon={HardDrive}
                  label="Create volume"
                  subject={s.name || s.id}
                  disabled={s.status !== "available"}
                  onClick={() => setFromSnapshot(s)}
                />
                <RowAction
                  icon={Trash2}
                  label="Delete"
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
        title="Delete snapshot?"
        confirmLabel="Delete snapshot"
        busy={remove.isPending}
        error={remove.error ? errorMessageOf(remove.error) : null}
        onCancel={() => setDeleting(null)}
        onConfirm={() => deleting && remove.mutate({ id: deleting.id })}
      >
        <p>
          Delete <strong>{deleting?.name || deleting?.id}</strong>? Volumes made from it keep their data.
        </p>
      </ConfirmDialog>
    </>
  );
}
