"use client";

import { Plus, Trash2, Users } from "lucide-react";
import { useFormatter, useTranslations } from "next-intl";
import { useState } from "react";
import { ConfirmDialog } from "@/components/confirm-dialog";
import { TableError } from "@/components/data-table/table-states";
import { RowAction } from "@/components/row-action";
import { useToast } from "@/components/toast/toast-provider";
import { ToneBadge } from "@/components/tone-badge";
import { Button } from "@/components/ui/button";
import { formatMb, MISSING } from "@/i18n/format";
import { useErrorMessage } from "@/lib/use-error-message";
import { type RouterOutputs, trpc } from "@/trpc/react";
import { CreateFlavorDialog } from "./create-flavor-dialog";
import { FlavorAccessDialog } from "./flavor-access-dialog";

type Flavor = RouterOutputs["admin"]["flavors"]["list"][number];
type DialogState =
  | { kind: "none" }
  | { kind: "create" }
  | { kind: "access"; flavor: Flavor }
  | { kind: "delete"; flavor: Flavor };

/** Flavors (sizes of instances): create, delete, and project access for private ones. */
export function FlavorsView() {
  const errorMessageOf = useErrorMessage();
  const t = useTranslations("admin.flavors");
  const tCommon = useTranslations("common");
  const format = useFormatter();
  const gb = (n: number) => format.number(n, { style: "unit", unit: "gigabyte", unitDisplay: "short" });
  const toast = useToast();
  const utils = trpc.useUtils();
  const flavors = trpc.admin.flavors.list.useQuery();
  const [dialog, setDialog] = useState<DialogState>({ kind: "none" });
  const close = () => setDialog({ kind: "none" });
  const remove = trpc.admin.flavors.delete.useMutation({
    onSuccess: () => {
      if (dialog.kind === "delete") toast.show(t("deletedToast", { name: dialog.flavor.name }));
      void utils.compute.flavors.invalidate();
      void utils.admin.flavors.invalidate();
      void utils.compute.launchOptions.invalidate();
      close();
    },
  });
  if (flavors.error && !flavors.data)
    return <TableError error={flavors.error} onRetry={() => void flavors.refetch()} />;

  return (
    <>
      <div className="mb-3 flex justify-end">
        <Button variant="primary" onClick={() => setDialog({ kind: "create" })}>
          <Plus size={16} aria-hidden /> {t("create")}
        </Button>
      </div>
      <div className="overflow-x-auto rounded-lg border border-border bg-surface">
        <table
          aria-label={t("tableLabel")}
          aria-busy={flavors.isLoading || undefined}
          className="w-full text-left text-sm"
        >
          <thead className="bg-surface-muted text-xs tracking-wide text-fg-muted uppercase">
            <tr>
              {[
                t("name"),
                t("vcpus"),
                t("ram"),
                t("rootDisk"),
                t("ephemeral"),
                t("swap"),
                t("visibility"),
                t("id"),
              ].map((h) => (
                <th key={h} scope="col" className="px-3 py-2 font-semibold">
                  {h}
                </th>
              ))}
              <th scope="col" className="px-3 py-2 text-right font-semibold">
                {t("actions")}
              </th>
            </tr>
          </thead>
          <tbody>
            {(flavors.data ?? []).map((f) => (
              <tr key={f.id} className="border-t border-border">
                <td className="px-3 py-2.5 font-medium">{f.name}</td>
                <td className="px-3 py-2.5">{f.vcpus}</td>
                <td className="px-3 py-2.5">{formatMb(format, f.ram)}</td>
                <td className="px-3 py-2.5">{gb(f.disk)}</td>
                <td className="px-3 py-2.5">{gb(f.ephemeral)}</td>
                <td className="px-3 py-2.5">{f.swap > 0 ? formatMb(format, f.swap) : MISSING}</td>
                <td className="px-3 py-2.5">
                  <ToneBadge tone={f.isPublic ? "success" : "muted"}>
                    {f.isPublic ? t("public") : t("private")}
                  </ToneBadge>
                </td>
                <td className="px-3 py-2.5">
                  <code className="text-xs text-fg-muted">{f.id}</code>
                </td>
                <td className="px-3 py-2 text-right whitespace-nowrap">
                  <RowAction
                    icon={Users}
                    label={t("access")}
                    subject={f.name}
                    disabled={f.isPublic}
                    onClick={() => setDialog({ kind: "access", flavor: f })}
                  />
                  <RowAction
                    icon={Trash2}
                    label={tCommon("delete")}
                    subject={f.name}
                    danger
                    onClick={() => {
                      remove.reset();
                      setDialog({ kind: "delete", flavor: f });
                    }}
                  />
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <CreateFlavorDialog open={dialog.kind === "create"} onClose={close} />
      <FlavorAccessDialog flavor={dialog.kind === "access" ? dialog.flavor : null} onClose={close} />
      <ConfirmDialog
        open={dialog.kind === "delete"}
        title={t("deleteTitle")}
        confirmLabel={t("deleteSubmit")}
        busy={remove.isPending}
        error={remove.error ? errorMessageOf(remove.error) : null}
        onCancel={close}
        onConfirm={() => dialog.kind === "delete" && remove.mutate({ id: dialog.flavor.id })}
      >
        {dialog.kind === "delete" ? (
          <p>{t.rich("deleteConfirm", { name: dialog.flavor.name, strong: (c) => <strong>{c}</strong> })}</p>
        ) : null}
      </ConfirmDialog>
    </>
  );
}
