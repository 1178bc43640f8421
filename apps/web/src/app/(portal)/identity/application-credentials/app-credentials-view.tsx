"use client";

import { keepPreviousData } from "@tanstack/react-query";
import { Plus, Trash2 } from "lucide-react";
import { useFormatter, useTranslations } from "next-intl";
import { useMemo, useState } from "react";
import { ConfirmDialog } from "@/components/confirm-dialog";
import { type Column, DataTable, queryProps } from "@/components/data-table/data-table";
import { useListParams } from "@/components/data-table/list-params";
import { RowAction } from "@/components/row-action";
import { useToast } from "@/components/toast/toast-provider";
import { Button } from "@/components/ui/button";
import { type Formatter, formatDateTime, MISSING } from "@/i18n/format";
import { APP_CREDENTIALS_LIST } from "@/lib/lists/identity";
import { useErrorMessage } from "@/lib/use-error-message";
import { type RouterInputs, type RouterOutputs, trpc } from "@/trpc/react";
import { AppCredentialSecretDialog } from "./app-credential-secret-dialog";
import { CreateAppCredentialDialog, type CreatedAppCredential } from "./create-app-credential-dialog";

type AppCredential = RouterOutputs["identity"]["appCredentials"]["list"]["items"][number];
type SortKey = NonNullable<RouterInputs["identity"]["appCredentials"]["list"]["sort"]>;

type FieldsT = ReturnType<typeof useTranslations<"identity.fields">>;
type CredentialsT = ReturnType<typeof useTranslations<"identity.appCredentials">>;

const columns = (t: FieldsT, tCred: CredentialsT, format: Formatter): Column<AppCredential, SortKey>[] => [
  {
    key: "name",
    header: t("name"),
    sortKey: "name",
    cell: (c) => <span className="font-medium whitespace-nowrap">{c.name}</span>,
  },
  {
    key: "description",
    header: t("description"),
    cell: (c) => c.description || <span className="text-fg-muted">—</span>,
  },
  { key: "roles", header: t("roles"), cell: (c) => format.list(c.roles.map((r) => r.name)) || MISSING },
  {
    key: "expiresAt",
    header: tCred("expires"),
    sortKey: "expiresAt",
    cell: (c) => (c.expiresAt ? formatDateTime(format, c.expiresAt) : tCred("never")),
  },
  {
    key: "id",
    header: t("id"),
    sortKey: "id",
    cell: (c) => <code className="text-xs text-fg-muted">{c.id}</code>,
  },
];

export function AppCredentialsView() {
  const errorMessageOf = useErrorMessage();
  const t = useTranslations("identity.appCredentials");
  const tFields = useTranslations("identity.fields");
  const format = useFormatter();
  const COLUMNS = useMemo(() => columns(tFields, t, format), [tFields, t, format]);
  const list = useListParams<SortKey>(APP_CREDENTIALS_LIST.defaults);
  const query = trpc.identity.appCredentials.list.useQuery(
    APP_CREDENTIALS_LIST.input("project", list.params, list.filters),
    {
      placeholderData: keepPreviousData,
    },
  );
  const [creating, setCreating] = useState(false);
  const [created, setCreated] = useState<CreatedAppCredential | null>(null);
  const [deleting, setDeleting] = useState<AppCredential | null>(null);
  const utils = trpc.useUtils();
  const toast = useToast();
  const remove = trpc.identity.appCredentials.delete.useMutation({
    onSuccess: () => {
      void utils.identity.appCredentials.invalidate();
      if (deleting) toast.show(t("deletedToast", { name: deleting.name }));
      setDeleting(null);
    },
  });

  return (
    <>
      <DataTable
        label={t("title")}
        columns={COLUMNS}
        rowKey={(c) => c.id}
        list={list}
        {...queryProps(query)}
        emptyTitle={t("empty")}
        emptyHint={t("emptyHint")}
        toolbar={
          <Button variant="primary" onClick={() => setCreating(true)}>
            <Plus size={16} aria-hidden /> {t("createLong")}
          </Button>
        }
        rowActions={(c) => (
          <RowAction
            icon={Trash2}
            label={t("delete")}
            subject={c.name}
            danger
            onClick={() => {
              remove.reset();
              setDeleting(c);
            }}
          />
        )}
      />
      <CreateAppCredentialDialog
        open={creating}
        onClose={() => setCreating(false)}
        onCreated={(credential) => {
          setCreating(false);
          setCreated(credential);
        }}
      />
      <AppCredentialSecretDialog credential={created} onClose={() => setCreated(null)} />
      <ConfirmDialog
        open={deleting !== null}
        title={t("deleteTitle")}
        confirmLabel={t("deleteLabel")}
        busy={remove.isPending}
        error={remove.error ? errorMessageOf(remove.error) : null}
        onCancel={() => setDeleting(null)}
        onConfirm={() => deleting && remove.mutate({ id: deleting.id })}
      >
        {deleting ? (
          <p>
            {t.rich("deleteConfirm", { name: deleting.name, strong: (chunks) => <strong>{chunks}</strong> })}
          </p>
        ) : null}
      </ConfirmDialog>
    </>
  );
}
