"use client";

import { ArrowLeft, LoaderCircle } from "lucide-react";
import Link from "next/link";
import { useFormatter, useTranslations } from "next-intl";
import { type ReactNode, useMemo, useState } from "react";
import { TableError } from "@/components/data-table/table-states";
import { EmptyState } from "@/components/empty-state";
import { PageHeader } from "@/components/page-header";
import { useActionParam, useMenuActionRunner } from "@/components/palette/use-action-param";
import { RowMenu } from "@/components/row-menu";
import { Tabs } from "@/components/tabs";
import { formatDateTime } from "@/i18n/format";
import { trpcCodeOf } from "@/lib/trpc-errors";
import { useVolumeUpdates } from "@/lib/volume/use-volume-updates";
import { formatGib, volumeStatusText } from "@/lib/volume/volume-status";
import { trpc } from "@/trpc/react";
import { ForceDeleteDialog, ResetStatusDialog } from "./admin-volume-dialogs";
import { ManageAttachmentsDialog } from "./attach-dialogs";
import { BackupsPanel } from "./backups-panel";
import { SnapshotsPanel } from "./snapshots-panel";
import { type VolumeDialogKind, VolumeDialogs, type VolumeRow } from "./volume-action-dialogs";
import { type VolumeMenuAction, volumeMenuItems } from "./volume-menu-items";
import { VolumeStatusBadge } from "./volume-status-badge";

const TAB_KEYS = ["overview", "attachments", "snapshots", "backups"] as const;
type TabKey = (typeof TAB_KEYS)[number];

const none = <span className="text-fg-muted">—</span>;

function Field({ label, children }: { label: string; children: ReactNode }) {
  return (
    <div className="grid grid-cols-[10rem_1fr] gap-3 border-t border-border py-2 text-sm first:border-t-0">
      <dt className="text-fg-muted">{label}</dt>
      <dd className="min-w-0 break-words">{children}</dd>
    </div>
  );
}

function Overview({ volume }: { volume: VolumeRow }) {
  const t = useTranslations("volume");
  const format = useFormatter();
  return (
    <section
      aria-label={t("detail.overviewLabel")}
      className="rounded-lg border border-border bg-surface p-4"
    >
      <dl>
        <Field label={t("fields.id")}>
          <code className="text-xs">{volume.id}</code>
        </Field>
        <Field label={t("fields.status")}>
          <VolumeStatusBadge status={volume.status} />
        </Field>
        <Field label={t("fields.size")}>{formatGib(format, volume.size)}</Field>
        <Field label={t("fields.type")}>{volume.volumeType ?? none}</Field>
        <Field label={t("fields.availabilityZone")}>{volume.availabilityZone ?? none}</Field>
        <Field label={t("fields.bootable")}>{volume.bootable ? t("yes") : t("no")}</Field>
        <Field label={t("fields.readOnly")}>{volume.readonly ? t("yes") : t("no")}</Field>
        <Field label={t("fields.encrypted")}>{volume.encrypted ? t("yes") : t("no")}</Field>
        <Field label={t("fields.source")}>
          {volume.source.kind === "empty"
            ? t("detail.sourceEmpty")
            : t("detail.source", {
                kind: t(`sourceKind.${volume.source.kind}`),
                name: volume.source.name ?? volume.source.id ?? "",
              })}
        </Field>
        <Field label={t("fields.description")}>{volume.description || none}</Field>
        <Field label={t("fields.created")}>{formatDateTime(format, volume.createdAt)}</Field>
        {volume.host ? <Field label={t("fields.host")}>{volume.host}</Field> : null}
      </dl>
    </section>
  );
}

function Attachments({ volume, onManage }: { volume: VolumeRow; onManage: () => void }) {
  const t = useTranslations("volume");
  const format = useFormatter();
  return (
    <div className="grid gap-3">
      {volume.attachments.length === 0 ? (
        <p className="text-sm text-fg-muted">{t("detail.notAttached")}</p>
      ) : (
        <table className="w-full text-sm" aria-label={t("detail.attachmentsLabel")}>
          <thead className="text-left text-fg-muted">
            <tr>
              <th className="py-2 pr-3 font-medium">{t("fields.instance")}</th>
              <th className="py-2 pr-3 font-medium">{t("fields.device")}</th>
              <th className="py-2 font-medium">{t("fields.attached")}</th>
            </tr>
          </thead>
          <tbody>
            {volume.attachments.map((a) => (
              <tr key={a.serverId} className="border-t border-border">
                <td className="py-2 pr-3">
                  <Link href={`/project/instances/${a.serverId}`} className="text-accent hover:underline">
                    {a.serverName ?? a.serverId}
                  </Link>
                </td>
                <td className="py-2 pr-3">{a.device ? <code className="text-xs">{a.device}</code> : none}</td>
                <td className="py-2">{a.attachedAt ? formatDateTime(format, a.attachedAt) : none}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      <div>
        <button type="button" onClick={onManage} className="text-sm text-accent hover:underline">
          {t("detail.manageAttachments")}
        </button>
      </div>
    </div>
  );
}

/** One volume: live status (a progress line while it moves), its attachments, snapshots and backups. */
export function VolumeDetail({ id, backHref, admin }: { id: string; backHref: string; admin?: boolean }) {
  const t = useTranslations("volume");
  const format = useFormatter();
  const tabs = useMemo(() => TAB_KEYS.map((key) => ({ key, label: t(`detail.tabs.${key}`) })), [t]);
  const [tab, setTab] = useState<TabKey>("overview");
  const volume = trpc.volume.get.useQuery({ id });
  useVolumeUpdates({ allProjects: admin });
  const [open, setOpen] = useState<VolumeMenuAction | null>(null);
  // `?action=<row menu key>` (the command palette) opens that dialog, or says why the action does not apply now.
  const runItem = useMenuActionRunner();
  useActionParam(volume.data !== undefined, (action) => {
    if (volume.data) runItem(volumeMenuItems(t, volume.data, setOpen, { admin }), action);
  });

  if (volume.error && trpcCodeOf(volume.error) === "NOT_FOUND") {
    return (
      <EmptyState icon={ArrowLeft} title={t("detail.gone")}>
        <Link href={backHref} className="text-accent hover:underline">
          {t("detail.back")}
        </Link>
      </EmptyState>
    );
  }
  if (volume.error && !volume.data)
    return <TableError error={volume.error} onRetry={() => void volume.refetch()} />;
  const data = volume.data;
  if (!data) return <p className="text-sm text-fg-muted">{t("detail.loading")}</p>;
  // After a delete the live stream drops the volume and this page says it is gone, with a way back.
  const close = () => setOpen(null);
  const dialogKind: VolumeDialogKind | null =
    open && open !== "attachments" && open !== "resetStatus" && open !== "forceDelete" ? open : null;

  return (
    <>
      <PageHeader
        title={data.name || data.id}
        description={
          <span className="inline-flex items-center gap-2">
            <VolumeStatusBadge status={data.status} />
            <span>
              {data.volumeType
                ? t("detail.summaryWithType", { size: formatGib(format, data.size), type: data.volumeType })
                : formatGib(format, data.size)}
            </span>
          </span>
        }
        actions={
          <RowMenu subject={data.name || data.id} items={volumeMenuItems(t, data, setOpen, { admin })} />
        }
      />
      {data.transitional ? (
        // Cinder reports no percentage for these operations: say what happens; the page follows it live.
        <p
          role="status"
          className="mb-4 flex items-center gap-2 rounded-md border border-border bg-accent-soft px-3 py-2 text-sm"
        >
          <LoaderCircle size={16} aria-hidden className="animate-spin text-accent" />
          {t("detail.transitional", { status: volumeStatusText(t, data.status) })}
        </p>
      ) : null}
      <Tabs label={t("detail.tabsLabel")} tabs={tabs} current={tab} onChange={setTab}>
        {tab === "overview" ? <Overview volume={data} /> : null}
        {tab === "attachments" ? <Attachments volume={data} onManage={() => setOpen("attachments")} /> : null}
        {tab === "snapshots" ? <SnapshotsPanel volumeId={id} /> : null}
        {tab === "backups" ? (
          <BackupsPanel volume={{ id, name: data.name || data.id, attached: data.attachments.length > 0 }} />
        ) : null}
      </Tabs>
      <VolumeDialogs state={dialogKind ? { kind: dialogKind, volume: data } : null} onClose={close} />
      {open === "attachments" ? (
        <ManageAttachmentsDialog volume={data} onClose={() => setOpen(null)} />
      ) : null}
      {open === "resetStatus" ? <ResetStatusDialog volume={data} onClose={() => setOpen(null)} /> : null}
      {open === "forceDelete" ? <ForceDeleteDialog volume={data} onClose={close} /> : null}
    </>
  );
}
