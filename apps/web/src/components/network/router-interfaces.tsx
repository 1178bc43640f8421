"use client";

import { Network, Plus, Trash2 } from "lucide-react";
import { useTranslations } from "next-intl";
import { useState } from "react";
import { ConfirmDialog } from "@/components/confirm-dialog";
import { EmptyState } from "@/components/empty-state";
import { RowAction } from "@/components/row-action";
import { useToast } from "@/components/toast/toast-provider";
import { ToneBadge } from "@/components/tone-badge";
import { Button } from "@/components/ui/button";
import { statusLabel } from "@/lib/compute/instance-status";
import { useErrorMessage } from "@/lib/use-error-message";
import { type RouterOutputs, trpc } from "@/trpc/react";
import { RouterAddInterfaceDialog } from "./router-add-interface-dialog";
import { routerStatusTone } from "./router-status";

type RouterDetail = RouterOutputs["network"]["routers"]["get"];
type Interface = RouterDetail["interfaces"][number];

const subnetLabel = (i: Interface) => `${i.subnetName || i.subnetId}${i.cidr ? ` (${i.cidr})` : ""}`;

/** The router's interfaces: one row per address, add by subnet, remove with confirmation. */
export function RouterInterfaces({ router }: { router: RouterDetail }) {
  const errorMessageOf = useErrorMessage();
  const t = useTranslations("network.routerInterfaces");
  const tStatus = useTranslations("network.status");
  const utils = trpc.useUtils();
  const toast = useToast();
  const [adding, setAdding] = useState(false);
  const [removing, setRemoving] = useState<Interface | null>(null);
  const remove = trpc.network.routers.removeInterface.useMutation({
    onSuccess: () => {
      void utils.network.routers.invalidate();
      toast.show(removing ? t("removedToast", { subnet: subnetLabel(removing) }) : t("removedToastPlain"));
      setRemoving(null);
    },
  });
  const addButton = (
    <Button variant="primary" onClick={() => setAdding(true)}>
      <Plus size={16} aria-hidden /> {t("add")}
    </Button>
  );

  return (
    <>
      {router.interfaces.length === 0 ? (
        <EmptyState icon={Network} title={t("empty")}>
          <p>{t("emptyText")}</p>
          <div className="mt-3 flex justify-center">{addButton}</div>
        </EmptyState>
      ) : (
        <div className="rounded-lg border border-border bg-surface">
          <div className="flex items-center justify-between gap-3 px-3 py-3">
            <span className="text-sm text-fg-muted">{t("total", { count: router.interfaces.length })}</span>
            {addButton}
          </div>
          <div className="overflow-x-auto">
            <table aria-label={t("tableLabel")} className="w-full text-left text-sm">
              <thead className="bg-surface-muted text-xs tracking-wide text-fg-muted uppercase">
                <tr>
                  <th scope="col" className="px-3 py-2 font-semibold">
                    {t("subnet")}
                  </th>
                  <th scope="col" className="px-3 py-2 font-semibold">
                    {t("network")}
                  </th>
                  <th scope="col" className="px-3 py-2 font-semibold">
                    {t("ipAddress")}
                  </th>
                  <th scope="col" className="px-3 py-2 font-semibold">
                    {t("status")}
                  </th>
                  <th scope="col" className="px-3 py-2 font-semibold">
                    {t("port")}
                  </th>
                  <th scope="col" className="px-3 py-2 text-right font-semibold">
                    {t("actions")}
                  </th>
                </tr>
              </thead>
              <tbody>
                {router.interfaces.map((i) => (
                  <tr
                    key={`${i.portId}-${i.ipAddress}`}
                    className="border-t border-border hover:bg-surface-muted/60"
                  >
                    <td className="px-3 py-2.5">{subnetLabel(i)}</td>
                    <td className="px-3 py-2.5">
                      {i.networkName ?? <code className="text-xs">{i.networkId}</code>}
                    </td>
                    <td className="px-3 py-2.5 font-mono text-xs">{i.ipAddress}</td>
                    <td className="px-3 py-2.5">
                      <ToneBadge tone={routerStatusTone(i.status)}>
                        {tStatus("label", { status: i.status, label: statusLabel(i.status) })}
                      </ToneBadge>
                    </td>
                    <td className="px-3 py-2.5">
                      <code className="text-xs text-fg-muted">{i.portId}</code>
                    </td>
                    <td className="px-3 py-2 text-right">
                      <RowAction
                        icon={Trash2}
                        label={t("remove")}
                        subject={subnetLabel(i)}
                        danger
                        onClick={() => {
                          remove.reset();
                          setRemoving(i);
                        }}
                      />
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </div>
      )}
      <RouterAddInterfaceDialog routerId={router.id} open={adding} onClose={() => setAdding(false)} />
      <ConfirmDialog
        open={removing !== null}
        title={t("removeTitle")}
        confirmLabel={t("removeTitle")}
        busy={remove.isPending}
        error={remove.error ? errorMessageOf(remove.error) : null}
        onCancel={() => setRemoving(null)}
        onConfirm={() => removing && remove.mutate({ routerId: router.id, portId: removing.portId })}
      >
        {removing ? (
          <p>
            {t.rich("removeConfirm", {
              subnet: subnetLabel(removing),
              ip: removing.ipAddress,
              router: router.name || router.id,
              strong: (chunks) => <strong>{chunks}</strong>,
            })}
          </p>
        ) : null}
      </ConfirmDialog>
    </>
  );
}
