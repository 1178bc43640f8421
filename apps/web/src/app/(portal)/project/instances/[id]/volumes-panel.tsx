"use client";

import { HardDrive, Plus, Unplug } from "lucide-react";
import Link from "next/link";
import { useTranslations } from "next-intl";
import { useEffect, useState } from "react";
import { ConfirmDialog } from "@/components/confirm-dialog";
import { TableError } from "@/components/data-table/table-states";
import { EmptyState } from "@/components/empty-state";
import { RowAction } from "@/components/row-action";
import { useToast } from "@/components/toast/toast-provider";
import { Button } from "@/components/ui/button";
import { AttachVolumeDialog } from "@/components/volume/attach-dialogs";
import { VolumeStatusBadge } from "@/components/volume/volume-status-badge";
import { useErrorMessage } from "@/lib/use-error-message";
import { useVolumeUpdates } from "@/lib/volume/use-volume-updates";
import { type RouterOutputs, trpc } from "@/trpc/react";

type InstanceVolume = RouterOutputs["volume"]["attachments"]["forInstance"][number];

const MOVING = new Set(["attaching", "detaching", "reserved"]);

/** An instance's volumes: attach (an available one or a new one), detach; status follows live. */
export function VolumesPanel({
  instance,
  attachRequested = false,
  onAttachRequestHandled,
}: {
  instance: { id: string; name: string; status: string };
  /** Open the attach dialog at once (the page was opened on `?action=attachVolume`). */
  attachRequested?: boolean;
  onAttachRequestHandled?: () => void;
}) {
  const errorMessageOf = useErrorMessage();
  const t = useTranslations("compute.volumes");
  const tCommon = useTranslations("common");
  const toast = useToast();
  const utils = trpc.useUtils();
  const volumes = trpc.volume.attachments.forInstance.useQuery(
    { serverId: instance.id },
    // Nova lists the attachment only once the host plugged it in; poll while something moves.
    { refetchInterval: (q) => (q.state.data?.some((v) => v.status && MOVING.has(v.status)) ? 2000 : false) },
  );
  useVolumeUpdates();
  const [attaching, setAttaching] = useState(false);
  const [detaching, setDetaching] = useState<InstanceVolume | null>(null);
  const detach = trpc.volume.attachments.detach.useMutation({
    onSuccess: () => {
      void utils.volume.invalidate();
      toast.show(t("detachingToast", { name: detaching?.name ?? "" }));
      setDetaching(null);
    },
  });
  const attachable = instance.status === "ACTIVE" || instance.status === "SHUTOFF";
  useEffect(() => {
    if (!attachRequested) return;
    if (attachable) setAttaching(true);
    onAttachRequestHandled?.();
  }, [attachRequested, attachable, onAttachRequestHandled]);

  if (volumes.error) return <TableError error={volumes.error} onRetry={() => void volumes.refetch()} />;
  const rows = volumes.data;
  return (
    <div className="grid gap-3">
      <div className="flex justify-end">
        <Button
          variant="primary"
          onClick={() => setAttaching(true)}
          disabled={!attachable}
          title={attachable ? undefined : t("attachUnavailable")}
        >
          <Plus size={16} aria-hidden /> {t("attach")}
        </Button>
      </div>
      {!rows ? (
        <p className="text-sm text-fg-muted">{t("loading")}</p>
      ) : rows.length === 0 ? (
        <EmptyState icon={HardDrive} title={t("empty")}>
          {t("emptyHint")}
        </EmptyState>
      ) : (
        <table className="w-full text-sm" aria-label={t("title")}>
          <thead className="text-left text-fg-muted">
            <tr>
              <th className="py-2 pr-3 font-medium">{t("volume")}</th>
              <th className="py-2 pr-3 font-medium">{t("device")}</th>
              <th className="py-2 pr-3 font-medium">{t("size")}</th>
              <th className="py-2 pr-3 font-medium">{t("status")}</th>
              <th className="py-2 pr-3 font-medium">{t("deleteOnTermination")}</th>
              <th className="py-2 font-medium">{t("actions")}</th>
            </tr>
          </thead>
          <tbody>
            {rows.map((v) => (
              <tr key={v.id} className="border-t border-border">
                <td className="py-2 pr-3">
                  <Link href={`/project/volumes/${v.id}`} className="text-accent hover:underline">
                    {v.name}
                  </Link>
                </td>
                <td className="py-2 pr-3">{v.device ? <code className="text-xs">{v.device}</code> : "—"}</td>
                <td className="py-2 pr-3">
                  {/* i18n-ignore: a unit symbol, the same in every language */}
                  {v.size === null ? "—" : `${v.size} GiB`}
                </td>
                <td className="py-2 pr-3">{v.status ? <VolumeStatusBadge status={v.status} /> : "—"}</td>
                <td className="py-2 pr-3">
                  {v.deleteOnTermination === null
                    ? "—"
                    : v.deleteOnTermination
                      ? tCommon("yes")
                      : tCommon("no")}
                </td>
                <td className="py-2">
                  <RowAction
                    icon={Unplug}
                    label={t("detach")}
                    subject={v.name}
                    onClick={() => {
                      detach.reset();
                      setDetaching(v);
                    }}
                  />
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {attaching ? <AttachVolumeDialog instance={instance} onClose={() => setAttaching(false)} /> : null}
      <ConfirmDialog
        open={detaching !== null}
        title={t("detachTitle")}
        confirmLabel={t("detach")}
        busy={detach.isPending}
        error={detach.error ? errorMessageOf(detach.error) : null}
        onCancel={() => setDetaching(null)}
        onConfirm={() => detaching && detach.mutate({ serverId: instance.id, volumeId: detaching.id })}
      >
        <p>
          {t.rich("detachConfirm", {
            volume: detaching?.name ?? "",
            instance: instance.name,
            strong: (chunks) => <strong>{chunks}</strong>,
          })}
        </p>
      </ConfirmDialog>
    </div>
  );
}
