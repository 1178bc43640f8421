"use client";

import { keepPreviousData } from "@tanstack/react-query";
import { Plus, Trash2 } from "lucide-react";
import { useState } from "react";
import { ConfirmDialog } from "@/components/confirm-dialog";
import { type Column, DataTable } from "@/components/data-table/data-table";
import { useListParams } from "@/components/data-table/list-params";
import { RowAction } from "@/components/row-action";
import { useToast } from "@/components/toast/toast-provider";
import { Button } from "@/components/ui/button";
import { APP_CREDENTIALS_LIST } from "@/lib/lists/identity";
import { errorMessageOf } from "@/lib/trpc-errors";
import { type RouterInputs, type RouterOutputs, trpc } from "@/trpc/react";
import { AppCredentialSecretDialog } from "./app-credential-secret-dialog";
import { CreateAppCredentialDialog, type CreatedAppCredential } from "./create-app-credential-dialog";

type AppCredential = RouterOutputs["identity"]["appCredentials"]["list"]["items"][number];
type SortKey = NonNullable<RouterInputs["identity"]["appCredentials"]["list"]["sort"]>;

function formatExpiry(expiresAt: string | null): string {
  if (!expiresAt) return "Never";
  return new Date(expiresAt).toLocaleString(undefined, { dateStyle: "medium", timeStyle: "short" });
}

const COLUMNS: Column<AppCredential, SortKey>[] = [
  {
    key: "name",
    header: "Name",
    sortKey: "name",
    cell: (c) => <span className="font-medium whitespace-nowrap">{c.name}</span>,
  },
  {
    key: "description",
    header: "Description",
    cell: (c) => c.description || <span className="text-fg-muted">—</span>,
  },
  { key: "roles", header: "Roles", cell: (c) => c.roles.map((r) => r.name).join(", ") || "—" },
  { key: "expiresAt", header: "Expires", sortKey: "expiresAt", cell: (c) => formatExpiry(c.expiresAt) },
  {
    key: "id",
    header: "ID",
    sortKey: "id",
    cell: (c) => <code className="text-xs text-fg-muted">{c.id}</code>,
  },
];

export function AppCredentialsView() {
  const list = useListParams<SortKey>(APP_CREDENTIALS_LIST.defaults);
  const query = trpc.identity.appCredentials.list.useQuery(list.params, {
    placeholderData: keepPreviousData,
  });
  const [creating, setCreating] = useState(false);
  const [created, setCreated] = useState<CreatedAppCredential | null>(null);
  const [deleting, setDeleting] = useState<AppCredential | null>(null);
  const utils = trpc.useUtils();
  const toast = useToast();
  const remove = trpc.identity.appCredentials.delete.useMutation({
    onSuccess: () => {
      void utils.identity.appCredentials.invalidate();
      if (deleting) toast.show(`Application credential ${deleting.name} deleted.`);
      setDeleting(null);
    },
  });

  return (
    <>
      <DataTable
        label="Application credentials"
        columns={COLUMNS}
        rowKey={(c) => c.id}
        list={list}
        data={query.data}
        isLoading={query.isLoading}
        error={query.error}
        onRetry={() => void query.refetch()}
        emptyTitle="No application credentials."
        emptyHint="Create one to let a script or Terraform use this project without your password."
        toolbar={
          <Button variant="primary" onClick={() => setCreating(true)}>
            <Plus size={16} aria-hidden /> Create application credential
          </Button>
        }
        rowActions={(c) => (
          <RowAction
            icon={Trash2}
            label="Delete"
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
        title="Delete application credential"
        confirmLabel="Delete credential"
        busy={remove.isPending}
        error={remove.error ? errorMessageOf(remove.error) : null}
        onCancel={() => setDeleting(null)}
        onConfirm={() => deleting && remove.mutate({ id: deleting.id })}
      >
        {deleting ? (
          <p>
            Delete application credential <strong>{deleting.name}</strong>? Tools using it stop working at
            once.
          </p>
        ) : null}
      </ConfirmDialog>
    </>
  );
}
