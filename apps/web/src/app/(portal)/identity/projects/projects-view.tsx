"use client";

import { keepPreviousData } from "@tanstack/react-query";
import { Plus } from "lucide-react";
import { useTranslations } from "next-intl";
import { useMemo, useState } from "react";
import { ConfirmDialog } from "@/components/confirm-dialog";
import { type Column, DataTable, queryProps } from "@/components/data-table/data-table";
import { useListParams } from "@/components/data-table/list-params";
import { useRowActionParam } from "@/components/palette/use-row-action-param";
import { RowActionButtons } from "@/components/row-action";
import { EnabledBadge } from "@/components/status-badge";
import { useToast } from "@/components/toast/toast-provider";
import { Button } from "@/components/ui/button";
import { PROJECTS_LIST } from "@/lib/lists/identity";
import { useErrorMessage } from "@/lib/use-error-message";
import { type RouterInputs, type RouterOutputs, trpc } from "@/trpc/react";
import { ProjectFormDialog } from "./project-form-dialog";
import { ProjectMembersDialog } from "./project-members-dialog";
import { projectMenuItems } from "./project-menu-items";

type Project = RouterOutputs["identity"]["projects"]["list"]["items"][number];
type SortKey = NonNullable<RouterInputs["identity"]["projects"]["list"]["sort"]>;

type FieldsT = ReturnType<typeof useTranslations<"identity.fields">>;

const columns = (t: FieldsT): Column<Project, SortKey>[] => [
  {
    key: "name",
    header: t("name"),
    sortKey: "name",
    cell: (p) => <span className="font-medium whitespace-nowrap">{p.name}</span>,
  },
  {
    key: "description",
    header: t("description"),
    cell: (p) => p.description || <span className="text-fg-muted">—</span>,
  },
  {
    key: "id",
    header: t("id"),
    sortKey: "id",
    cell: (p) => <code className="text-xs text-fg-muted">{p.id}</code>,
  },
  {
    key: "enabled",
    header: t("status"),
    sortKey: "enabled",
    cell: (p) => <EnabledBadge enabled={p.enabled} />,
  },
];

type DialogState =
  | { kind: "none" }
  | { kind: "create" }
  | { kind: "edit"; project: Project }
  | { kind: "delete"; project: Project };

export function ProjectsView() {
  const errorMessageOf = useErrorMessage();
  const t = useTranslations("identity.projects");
  const tFields = useTranslations("identity.fields");
  const COLUMNS = useMemo(() => columns(tFields), [tFields]);
  const list = useListParams<SortKey>(PROJECTS_LIST.defaults);
  const query = trpc.identity.projects.list.useQuery(
    PROJECTS_LIST.input("project", list.params, list.filters),
    { placeholderData: keepPreviousData },
  );
  const [dialog, setDialog] = useState<DialogState>({ kind: "none" });
  const [members, setMembers] = useState<Project | null>(null);
  const utils = trpc.useUtils();
  const toast = useToast();
  const close = () => setDialog({ kind: "none" });

  const toggle = trpc.identity.projects.update.useMutation({
    onSuccess: (p) => {
      void utils.identity.projects.invalidate();
      toast.show(t(p.enabled ? "enabledToast" : "disabledToast", { name: p.name }));
    },
    onError: (error) => toast.show(errorMessageOf(error), "error"),
  });
  const remove = trpc.identity.projects.delete.useMutation({
    onSuccess: () => {
      void utils.identity.projects.invalidate();
      void utils.session.projects.invalidate();
      if (dialog.kind === "delete") toast.show(t("deletedToast", { name: dialog.project.name }));
      close();
    },
  });
  const menuOf = (project: Project) =>
    projectMenuItems(
      t,
      project,
      (action) => {
        if (action === "members") setMembers(project);
        else if (action === "toggle") toggle.mutate({ id: project.id, enabled: !project.enabled });
        else {
          if (action === "delete") remove.reset();
          setDialog({ kind: action, project });
        }
      },
      { saving: toggle.isPending },
    );
  // `?action=<menu key>&id=<project>` (the command palette) opens that row's dialog.
  useRowActionParam({
    rows: query.data?.items,
    idOf: (p) => p.id,
    itemsOf: menuOf,
    lookup: (id) => utils.identity.projects.get.fetch({ id }),
  });

  return (
    <>
      <DataTable
        label={t("title")}
        columns={COLUMNS}
        rowKey={(p) => p.id}
        list={list}
        {...queryProps(query)}
        emptyTitle={t("empty")}
        emptyHint={t("emptyHint")}
        toolbar={
          <Button variant="primary" onClick={() => setDialog({ kind: "create" })}>
            <Plus size={16} aria-hidden /> {t("create")}
          </Button>
        }
        rowActions={(p) => <RowActionButtons subject={p.name} items={menuOf(p)} />}
      />
      <ProjectFormDialog
        key={dialog.kind === "edit" ? dialog.project.id : dialog.kind}
        open={dialog.kind === "create" || dialog.kind === "edit"}
        project={dialog.kind === "edit" ? dialog.project : undefined}
        onClose={close}
      />
      <ConfirmDialog
        open={dialog.kind === "delete"}
        title={t("deleteTitle")}
        confirmLabel={t("deleteTitle")}
        busy={remove.isPending}
        error={remove.error ? errorMessageOf(remove.error) : null}
        onCancel={close}
        onConfirm={() => dialog.kind === "delete" && remove.mutate({ id: dialog.project.id })}
      >
        {dialog.kind === "delete" ? (
          <p>
            {t.rich("deleteConfirm", {
              name: dialog.project.name,
              strong: (chunks) => <strong>{chunks}</strong>,
            })}
          </p>
        ) : null}
      </ConfirmDialog>
      <ProjectMembersDialog project={members} onClose={() => setMembers(null)} />
    </>
  );
}
