"use client";

import { Pencil, Plus, Trash2 } from "lucide-react";
import { useTranslations } from "next-intl";
import { useState } from "react";
import { ConfirmDialog } from "@/components/confirm-dialog";
import { EmptyState } from "@/components/empty-state";
import { SubnetCreateDialog, SubnetEditDialog } from "@/components/network/subnet-dialogs";
import { RowAction } from "@/components/row-action";
import { useToast } from "@/components/toast/toast-provider";
import { Button } from "@/components/ui/button";
import { networkErrorMessage } from "@/lib/network/network-errors";
import { useErrorMessage } from "@/lib/use-error-message";
import { type RouterOutputs, trpc } from "@/trpc/react";

type Detail = RouterOutputs["network"]["networks"]["get"];
type Subnet = Detail["subnets"][number];
type DialogState =
  | { kind: "none" }
  | { kind: "create" }
  | { kind: "edit"; subnet: Subnet }
  | { kind: "delete"; subnet: Subnet };

const muted = <span className="text-fg-muted">—</span>;

/** A network's subnets (few, so unpaged): add, edit, delete. */
export function SubnetsPanel({ detail, canChange }: { detail: Detail; canChange: boolean }) {
  const t = useTranslations("network.subnetsPanel");
  const errorMessageOf = useErrorMessage();
  const tStatus = useTranslations("network.status");
  const [dialog, setDialog] = useState<DialogState>({ kind: "none" });
  const close = () => setDialog({ kind: "none" });
  const utils = trpc.useUtils();
  const toast = useToast();
  const remove = trpc.network.subnets.delete.useMutation({
    onSuccess: () => {
      void utils.network.networks.invalidate();
      if (dialog.kind === "delete") toast.show(t("deletedToast", { cidr: dialog.subnet.cidr }));
      close();
    },
  });
  const subnets = detail.subnets;
  return (
    <div className="flex flex-col gap-3">
      {canChange ? (
        <div className="flex justify-end">
          <Button variant="primary" onClick={() => setDialog({ kind: "create" })}>
            <Plus size={16} aria-hidden /> {t("add")}
          </Button>
        </div>
      ) : null}
      {subnets.length === 0 ? (
        <EmptyState icon={Plus} title={t("empty")}>
          {t("emptyHint")}
        </EmptyState>
      ) : (
        <div className="overflow-x-auto rounded-lg border border-border bg-surface">
          <table className="w-full text-sm">
            <caption className="sr-only">{t("caption")}</caption>
            <thead className="bg-surface-muted text-left text-xs text-fg-muted uppercase">
              <tr>
                <th scope="col" className="px-3 py-2">
                  {t("name")}
                </th>
                <th scope="col" className="px-3 py-2">
                  {t("cidr")}
                </th>
                <th scope="col" className="px-3 py-2">
                  {t("gateway")}
                </th>
                <th scope="col" className="px-3 py-2">
                  {t("dhcp")}
                </th>
                <th scope="col" className="px-3 py-2">
                  {t("pools")}
                </th>
                <th scope="col" className="px-3 py-2">
                  {t("dns")}
                </th>
                {canChange ? (
                  <th scope="col" className="px-3 py-2">
                    <span className="sr-only">{t("actions")}</span>
                  </th>
                ) : null}
              </tr>
            </thead>
            <tbody>
              {subnets.map((s) => (
                <tr key={s.id} className="border-t border-border">
                  <td className="px-3 py-2">{s.name || muted}</td>
                  <td className="px-3 py-2 font-mono text-xs">{s.cidr}</td>
                  <td className="px-3 py-2 font-mono text-xs">
                    {s.gatewayIp ?? <span className="font-sans text-fg-muted">{t("none")}</span>}
                  </td>
                  <td className="px-3 py-2">{s.enableDhcp ? tStatus("on") : tStatus("off")}</td>
                  <td className="px-3 py-2 font-mono text-xs">
                    {s.allocationPools.map((p) => `${p.start}–${p.end}`).join(", ") || muted}
                  </td>
                  <td className="px-3 py-2 font-mono text-xs">{s.dnsNameservers.join(", ") || muted}</td>
                  {canChange ? (
                    <td className="px-3 py-2 text-right whitespace-nowrap">
                      <RowAction
                        icon={Pencil}
                        label={t("edit")}
                        subject={s.name || s.cidr}
                        onClick={() => setDialog({ kind: "edit", subnet: s })}
                      />
                      <RowAction
                        icon={Trash2}
                        label={t("delete")}
                        subject={s.name || s.cidr}
                        danger
                        onClick={() => {
                          remove.reset();
                          setDialog({ kind: "delete", subnet: s });
                        }}
                      />
                    </td>
                  ) : null}
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      <SubnetCreateDialog networkId={detail.network.id} open={dialog.kind === "create"} onClose={close} />
      <SubnetEditDialog
        key={dialog.kind === "edit" ? dialog.subnet.id : "edit"}
        subnet={dialog.kind === "edit" ? dialog.subnet : null}
        onClose={close}
      />
      <ConfirmDialog
        open={dialog.kind === "delete"}
        title={t("deleteTitle")}
        confirmLabel={t("deleteTitle")}
        busy={remove.isPending}
        error={remove.error ? networkErrorMessage(remove.error, errorMessageOf) : null}
        onCancel={close}
        onConfirm={() => dialog.kind === "delete" && remove.mutate({ id: dialog.subnet.id })}
      >
        {dialog.kind === "delete" ? (
          <p>
            {t.rich("deleteConfirm", {
              name: dialog.subnet.name || dialog.subnet.cidr,
              cidr: dialog.subnet.cidr,
              strong: (chunks) => <strong>{chunks}</strong>,
            })}
          </p>
        ) : null}
      </ConfirmDialog>
    </div>
  );
}
