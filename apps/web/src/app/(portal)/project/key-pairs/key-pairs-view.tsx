"use client";

import { KeyRound, Plus, Upload } from "lucide-react";
import { useTranslations } from "next-intl";
import { useState } from "react";
import { ConfirmDialog } from "@/components/confirm-dialog";
import { TableError } from "@/components/data-table/table-states";
import { EmptyState } from "@/components/empty-state";
import { useRowActionParam } from "@/components/palette/use-row-action-param";
import { RowActionButtons } from "@/components/row-action";
import type { RowMenuItem } from "@/components/row-menu";
import { useToast } from "@/components/toast/toast-provider";
import { Button } from "@/components/ui/button";
import { lazyDialog } from "@/components/ui/lazy-dialog";
import { useErrorMessage } from "@/lib/use-error-message";
import { KEY_PAIRS_INPUT } from "@/trpc/page-queries";
import { type RouterOutputs, trpc } from "@/trpc/react";
import { keyPairMenuItems } from "./key-pair-menu-items";

// The create and import forms (and their zod schemas) load on first open.
const CreateKeyPairDialog = lazyDialog(
  () => import("./create-key-pair-dialog").then((m) => m.CreateKeyPairDialog),
  (props) => props.open,
);
const ImportKeyPairDialog = lazyDialog(
  () => import("./import-key-pair-dialog").then((m) => m.ImportKeyPairDialog),
  (props) => props.open,
);

type KeyPair = RouterOutputs["compute"]["keyPairs"]["list"][number];

type DialogState =
  | { kind: "none" }
  | { kind: "create" }
  | { kind: "import" }
  | { kind: "delete"; keyPair: KeyPair };

function KeyPairRows({ keyPairs, menuOf }: { keyPairs: KeyPair[]; menuOf: (k: KeyPair) => RowMenuItem[] }) {
  const t = useTranslations("compute.keyPairs");
  return (
    <div className="overflow-x-auto rounded-lg border border-border bg-surface">
      <table aria-label={t("title")} className="w-full text-left text-sm">
        <thead className="bg-surface-muted text-xs tracking-wide text-fg-muted uppercase">
          <tr>
            <th scope="col" className="px-3 py-2 font-semibold">
              {t("name")}
            </th>
            <th scope="col" className="px-3 py-2 font-semibold">
              {t("fingerprint")}
            </th>
            <th scope="col" className="px-3 py-2 text-right font-semibold">
              {t("actions")}
            </th>
          </tr>
        </thead>
        <tbody>
          {keyPairs.map((k) => (
            <tr key={k.name} className="border-t border-border hover:bg-surface-muted/60">
              <td className="px-3 py-2.5 font-medium">{k.name}</td>
              <td className="px-3 py-2.5">
                <code className="text-xs text-fg-muted">{k.fingerprint}</code>
              </td>
              <td className="px-3 py-2 text-right">
                <RowActionButtons subject={k.name} items={menuOf(k)} />
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

/** The user's SSH key pairs for this cloud. */
export function KeyPairsView() {
  const errorMessageOf = useErrorMessage();
  const t = useTranslations("compute.keyPairs");
  const toast = useToast();
  const utils = trpc.useUtils();
  const keyPairs = trpc.compute.keyPairs.list.useQuery(KEY_PAIRS_INPUT);
  const [dialog, setDialog] = useState<DialogState>({ kind: "none" });
  const close = () => setDialog({ kind: "none" });
  const remove = trpc.compute.keyPairs.delete.useMutation({
    onSuccess: () => {
      if (dialog.kind === "delete") toast.show(t("deletedToast", { name: dialog.keyPair.name }));
      void utils.compute.keyPairs.invalidate();
      void utils.compute.launchOptions.invalidate();
      close();
    },
  });
  const menuOf = (keyPair: KeyPair) =>
    keyPairMenuItems(t, (action) => {
      remove.reset();
      setDialog({ kind: action, keyPair });
    });
  // `?action=delete&id=<name>` (the command palette) opens that row's dialog; Nova lists them all at once.
  useRowActionParam({ rows: keyPairs.data, idOf: (k) => k.name, itemsOf: menuOf });

  let body: React.ReactNode;
  if (keyPairs.error && !keyPairs.data) {
    body = <TableError error={keyPairs.error} onRetry={() => void keyPairs.refetch()} />;
  } else if (!keyPairs.data) {
    body = <p className="text-sm text-fg-muted">{t("loading")}</p>;
  } else if (keyPairs.data.length === 0) {
    body = (
      <EmptyState icon={KeyRound} title={t("empty")}>
        {t("emptyHint")}
      </EmptyState>
    );
  } else {
    body = <KeyPairRows keyPairs={keyPairs.data} menuOf={menuOf} />;
  }

  return (
    <>
      <div className="mb-3 flex justify-end gap-2">
        <Button onClick={() => setDialog({ kind: "import" })}>
          <Upload size={16} aria-hidden /> {t("importPublicKey")}
        </Button>
        <Button variant="primary" onClick={() => setDialog({ kind: "create" })}>
          <Plus size={16} aria-hidden /> {t("create")}
        </Button>
      </div>
      {body}
      <CreateKeyPairDialog open={dialog.kind === "create"} onClose={close} />
      <ImportKeyPairDialog open={dialog.kind === "import"} onClose={close} />
      <ConfirmDialog
        open={dialog.kind === "delete"}
        title={t("deleteTitle")}
        confirmLabel={t("deleteTitle")}
        busy={remove.isPending}
        error={remove.error ? errorMessageOf(remove.error) : null}
        onCancel={close}
        onConfirm={() => dialog.kind === "delete" && remove.mutate({ name: dialog.keyPair.name })}
      >
        {dialog.kind === "delete" ? (
          <p>
            {t.rich("deleteConfirm", {
              name: dialog.keyPair.name,
              strong: (chunks) => <strong>{chunks}</strong>,
            })}
          </p>
        ) : null}
      </ConfirmDialog>
    </>
  );
}
