"use client";

import { keepPreviousData } from "@tanstack/react-query";
import { Plus } from "lucide-react";
import { useTranslations } from "next-intl";
import { useId, useMemo, useState } from "react";
import { ConfirmDialog } from "@/components/confirm-dialog";
import { type Column, DataTable, queryProps } from "@/components/data-table/data-table";
import { useListParams } from "@/components/data-table/list-params";
import { RowLink } from "@/components/data-table/row-link";
import { useRowActionParam } from "@/components/palette/use-row-action-param";
import { RowActionButtons } from "@/components/row-action";
import { useToast } from "@/components/toast/toast-provider";
import { ToneBadge } from "@/components/tone-badge";
import { Button } from "@/components/ui/button";
import { FLOATING_IP_STATUSES, FLOATING_IPS_LIST, floatingIpStatus } from "@/lib/lists/network";
import { useErrorMessage } from "@/lib/use-error-message";
import { type RouterInputs, type RouterOutputs, trpc } from "@/trpc/react";
import { FloatingIpAllocateDialog } from "./floating-ip-allocate-dialog";
import { type AssociateSubject, FloatingIpAssociateDialog } from "./floating-ip-associate-dialog";
import { floatingIpMenuItems } from "./floating-ip-menu-items";
import { findFloatingIp, floatingIpStatusLabel, floatingIpTone } from "./floating-ip-model";

type FloatingIp = RouterOutputs["network"]["floatingIps"]["list"]["items"][number];
type ListInput = RouterInputs["network"]["floatingIps"]["list"];
type SortKey = NonNullable<ListInput["sort"]>;
type FloatingIpsT = ReturnType<typeof useTranslations<"network.floatingIps">>;

const muted = <span className="text-fg-muted">—</span>;

function columns(t: FloatingIpsT, all: boolean): Column<FloatingIp, SortKey>[] {
  const cols: Column<FloatingIp, SortKey>[] = [
    {
      key: "address",
      header: t("address"),
      sortKey: "address",
      cell: (f) => <span className="font-mono text-sm font-medium whitespace-nowrap">{f.address}</span>,
    },
    {
      key: "status",
      header: t("status"),
      sortKey: "status",
      cell: (f) => (
        <ToneBadge tone={floatingIpTone(f.status)}>
          {floatingIpStatusLabel(t, f.status, f.portId !== null)}
        </ToneBadge>
      ),
    },
    { key: "pool", header: t("pool"), sortKey: "pool", cell: (f) => f.pool.name },
    {
      key: "instance",
      header: t("mappedTo"),
      sortKey: "instance",
      cell: (f) =>
        f.instance ? (
          <span className="whitespace-nowrap">
            <RowLink href={`/project/instances/${f.instance.id}`} className="text-accent hover:underline">
              {f.instance.name}
            </RowLink>{" "}
            <span className="font-mono text-xs text-fg-muted">{f.fixedIp}</span>
          </span>
        ) : f.fixedIp ? (
          <span className="font-mono text-xs">{f.fixedIp}</span>
        ) : (
          <span className="text-fg-muted">{t("notAssociated")}</span>
        ),
    },
    { key: "description", header: t("descriptionColumn"), cell: (f) => f.description || muted },
  ];
  if (!all) return cols;
  const project: Column<FloatingIp, SortKey> = {
    key: "project",
    header: t("project"),
    cell: (f) => f.projectName ?? <code className="text-xs">{f.projectId}</code>,
  };
  return [...cols.slice(0, 1), project, ...cols.slice(1)];
}

function StatusFilter({ value, onChange }: { value: string; onChange: (v: string) => void }) {
  const t = useTranslations("network.floatingIps");
  const id = useId();
  return (
    <div className="flex items-center gap-1.5">
      <label htmlFor={id} className="text-sm text-fg-muted">
        {t("status")}
      </label>
      <select
        id={id}
        value={value}
        onChange={(e) => onChange(e.target.value)}
        className="h-9 rounded-md border border-border bg-surface px-2 text-sm"
      >
        <option value="">{t("anyStatus")}</option>
        {FLOATING_IP_STATUSES.map((s) => (
          <option key={s} value={s}>
            {t(`filter.${s}`)}
          </option>
        ))}
      </select>
    </div>
  );
}

type Pending = { kind: "disassociate" | "release"; fip: FloatingIp } | null;

/** Floating IPs of the project, or of every project for cloud admins (`scope="all"`). */
export function FloatingIpsTable({ scope }: { scope: "project" | "all" }) {
  const errorMessageOf = useErrorMessage();
  const t = useTranslations("network.floatingIps");
  const all = scope === "all";
  const cols = useMemo(() => columns(t, all), [t, all]);
  const list = useListParams<SortKey, "status">(FLOATING_IPS_LIST.defaults, {
    filters: FLOATING_IPS_LIST.filters,
  });
  const status = floatingIpStatus(list.filters.status);
  const input = FLOATING_IPS_LIST.input(scope, list.params, list.filters);
  const query = trpc.network.floatingIps.list.useQuery(input, { placeholderData: keepPreviousData });
  const [allocating, setAllocating] = useState(false);
  const [associating, setAssociating] = useState<AssociateSubject | null>(null);
  const [pending, setPending] = useState<Pending>(null);
  const utils = trpc.useUtils();
  const toast = useToast();
  const done = (message: string) => {
    void utils.network.floatingIps.invalidate();
    toast.show(message);
    setPending(null);
  };
  const disassociate = trpc.network.floatingIps.disassociate.useMutation({
    onSuccess: () => pending && done(t("disassociatedToast", { address: pending.fip.address })),
  });
  const release = trpc.network.floatingIps.release.useMutation({
    onSuccess: () => pending && done(t("releasedToast", { address: pending.fip.address })),
  });
  const mutation = pending?.kind === "release" ? release : disassociate;
  const menuOf = (fip: FloatingIp) =>
    floatingIpMenuItems(t, fip, (action) => {
      if (action === "associate") {
        setAssociating({ id: fip.id, address: fip.address, projectId: fip.projectId });
        return;
      }
      (action === "release" ? release : disassociate).reset();
      setPending({ kind: action, fip });
    });
  // `?action=<menu key>&id=<floating IP>` (the command palette) opens that row's dialog.
  useRowActionParam({
    rows: query.data?.items,
    idOf: (f) => f.id,
    itemsOf: menuOf,
    lookup: (id) =>
      findFloatingIp(id, (page) =>
        utils.network.floatingIps.list.fetch({ ...page, ...(all ? { allProjects: true } : {}) }),
      ),
  });

  return (
    <>
      <DataTable
        label={t("title")}
        columns={cols}
        rowKey={(f) => f.id}
        list={list}
        {...queryProps(query)}
        searchLabel={t("search")}
        filters={
          <StatusFilter
            value={status}
            onChange={(v) => {
              list.setFilter("status", floatingIpStatus(v));
            }}
          />
        }
        filtered={status !== ""}
        emptyTitle={all ? t("emptyAll") : t("empty")}
        emptyHint={t("emptyHint")}
        toolbar={
          <Button variant="primary" onClick={() => setAllocating(true)}>
            <Plus size={16} aria-hidden /> {t("allocate")}
          </Button>
        }
        rowActions={(f) => <RowActionButtons subject={f.address} items={menuOf(f)} />}
      />
      <FloatingIpAllocateDialog open={allocating} onClose={() => setAllocating(false)} />
      <FloatingIpAssociateDialog
        key={associating?.id ?? "none"}
        floatingIp={associating}
        crossProject={all}
        onClose={() => setAssociating(null)}
      />
      <ConfirmDialog
        open={pending !== null}
        title={pending?.kind === "release" ? t("releaseTitle") : t("disassociateTitle")}
        confirmLabel={pending?.kind === "release" ? t("release") : t("disassociate")}
        busy={mutation.isPending}
        error={mutation.error ? errorMessageOf(mutation.error) : null}
        onCancel={() => setPending(null)}
        onConfirm={() => pending && mutation.mutate({ id: pending.fip.id })}
      >
        {pending?.kind === "release" ? (
          <p>
            {pending.fip.instance
              ? t.rich("releaseConfirmInstance", {
                  address: pending.fip.address,
                  instance: pending.fip.instance.name,
                  strong: (chunks) => <strong>{chunks}</strong>,
                })
              : t.rich("releaseConfirm", {
                  address: pending.fip.address,
                  strong: (chunks) => <strong>{chunks}</strong>,
                })}
          </p>
        ) : pending ? (
          <p>
            {pending.fip.instance
              ? t.rich("disassociateConfirmInstance", {
                  address: pending.fip.address,
                  instance: pending.fip.instance.name,
                  strong: (chunks) => <strong>{chunks}</strong>,
                })
              : t.rich("disassociateConfirm", {
                  address: pending.fip.address,
                  strong: (chunks) => <strong>{chunks}</strong>,
                })}
          </p>
        ) : null}
      </ConfirmDialog>
    </>
  );
}
