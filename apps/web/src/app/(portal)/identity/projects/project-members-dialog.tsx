"use client";

import { X } from "lucide-react";
import { useTranslations } from "next-intl";
import { FormError } from "@/components/form/form-error";
import { useToast } from "@/components/toast/toast-provider";
import { Dialog } from "@/components/ui/dialog";
import { useErrorMessage } from "@/lib/use-error-message";
import { trpc } from "@/trpc/react";
import { GrantRoleForm } from "./grant-role-form";

interface ProjectMembersDialogProps {
  project: { id: string; name: string } | null;
  onClose: () => void;
}

interface MemberRow {
  kind: "user" | "group";
  id: string;
  name: string;
  roles: { id: string; name: string }[];
}

/** Who has which role on a project; grant and revoke. */
export function ProjectMembersDialog({ project, onClose }: ProjectMembersDialogProps) {
  const errorMessageOf = useErrorMessage();
  const t = useTranslations("identity.projects");
  const tFields = useTranslations("identity.fields");
  const toast = useToast();
  const utils = trpc.useUtils();
  const projectId = project?.id ?? "";
  const members = trpc.identity.projects.members.useQuery({ projectId }, { enabled: Boolean(project) });
  const revoke = trpc.identity.projects.revoke.useMutation({
    onError: (error) => toast.show(errorMessageOf(error), "error"),
  });

  const refresh = (message: string) => {
    void utils.identity.projects.members.invalidate({ projectId });
    toast.show(message);
  };

  const rows: MemberRow[] = [
    ...(members.data?.users ?? []).map((u) => ({ kind: "user" as const, ...u })),
    ...(members.data?.groups ?? []).map((g) => ({ kind: "group" as const, ...g })),
  ];

  const revokeRole = (row: MemberRow, role: { id: string; name: string }) => {
    const target = row.kind === "user" ? { userId: row.id } : { groupId: row.id };
    revoke.mutate(
      { projectId, roleId: role.id, ...target },
      { onSuccess: () => refresh(t("removedToast", { role: role.name, name: row.name })) },
    );
  };

  return (
    <Dialog
      open={project !== null}
      onClose={onClose}
      size="lg"
      title={t("membersTitle", { name: project?.name ?? "" })}
      description={t("membersDescription")}
    >
      {members.error ? <FormError message={errorMessageOf(members.error)} /> : null}
      <table aria-label={t("membersTable")} className="mb-4 w-full text-left text-sm">
        <thead className="text-xs text-fg-muted uppercase">
          <tr>
            <th scope="col" className="py-1.5">
              {tFields("name")}
            </th>
            <th scope="col" className="py-1.5">
              {t("type")}
            </th>
            <th scope="col" className="py-1.5">
              {tFields("roles")}
            </th>
          </tr>
        </thead>
        <tbody>
          {members.isLoading ? (
            <tr>
              <td colSpan={3} className="py-3 text-fg-muted">
                {t("loadingMembers")}
              </td>
            </tr>
          ) : null}
          {!members.isLoading && rows.length === 0 ? (
            <tr>
              <td colSpan={3} className="py-3 text-fg-muted">
                {t("noMembers")}
              </td>
            </tr>
          ) : null}
          {rows.map((row) => (
            <tr key={`${row.kind}:${row.id}`} className="border-t border-border">
              <td className="py-2 font-medium">{row.name}</td>
              <td className="py-2 text-fg-muted">{row.kind === "user" ? t("user") : t("group")}</td>
              <td className="py-2">
                <ul className="flex flex-wrap gap-1.5">
                  {row.roles.map((role) => (
                    <li
                      key={role.id}
                      className="inline-flex items-center gap-1 rounded-full bg-accent-soft py-0.5 pr-1 pl-2 text-xs text-accent"
                    >
                      {role.name}
                      <button
                        type="button"
                        aria-label={t("removeRole", { role: role.name, name: row.name })}
                        onClick={() => revokeRole(row, role)}
                        disabled={revoke.isPending}
                        className="rounded-full p-0.5 hover:bg-surface"
                      >
                        <X size={12} aria-hidden />
                      </button>
                    </li>
                  ))}
                </ul>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      {project ? <GrantRoleForm projectId={project.id} onGranted={refresh} /> : null}
    </Dialog>
  );
}
