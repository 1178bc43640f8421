"use client";

import { UserMinus } from "lucide-react";
import { useTranslations } from "next-intl";
import { type FormEvent, useId, useMemo } from "react";
import { z } from "zod";
import { ShowCli } from "@/components/cli/show-cli";
import { FormError } from "@/components/form/form-error";
import { SelectField } from "@/components/form/select-field";
import { useToast } from "@/components/toast/toast-provider";
import { Button } from "@/components/ui/button";
import { Dialog } from "@/components/ui/dialog";
import { formValues, validateForm } from "@/lib/field-errors";
import { groupAddUser } from "@/lib/openstack-cli/identity";
import { useErrorMessage } from "@/lib/use-error-message";
import { useFormErrors } from "@/lib/use-form-errors";
import { trpc } from "@/trpc/react";
import type { ValidationT } from "../users/user-form-schemas";

const addMemberSchema = (t: ValidationT) => z.object({ userId: z.string().min(1, t("chooseUser")) });

const USERS_PAGE = { page: 1, pageSize: 100, sort: "name", dir: "asc" } as const;

interface GroupMembersDialogProps {
  group: { id: string; name: string } | null;
  onClose: () => void;
}

export function GroupMembersDialog({ group, onClose }: GroupMembersDialogProps) {
  const errorMessageOf = useErrorMessage();
  const t = useTranslations("identity.groups");
  const tValidation = useTranslations("identity.validation");
  const schema = useMemo(() => addMemberSchema(tValidation), [tValidation]);
  const headingId = useId();
  const formId = useId();
  const toast = useToast();
  const utils = trpc.useUtils();
  const errors = useFormErrors();
  const groupId = group?.id ?? "";
  const members = trpc.identity.groups.members.useQuery({ groupId }, { enabled: Boolean(group) });
  const users = trpc.identity.users.list.useQuery(USERS_PAGE, { enabled: Boolean(group) });
  const refresh = (message: string) => {
    void utils.identity.groups.members.invalidate({ groupId });
    toast.show(message);
  };
  const addUser = trpc.identity.groups.addUser.useMutation({ onError: errors.showError });
  const removeUser = trpc.identity.groups.removeUser.useMutation({
    onError: (error) => toast.show(errorMessageOf(error), "error"),
  });

  const memberIds = new Set((members.data ?? []).map((m) => m.id));
  const candidates = (users.data?.items ?? []).filter((u) => !memberIds.has(u.id));

  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const form = event.currentTarget;
    const result = validateForm(schema, formValues(form));
    if (!result.ok) return errors.showFieldErrors(result.fields);
    const name = candidates.find((u) => u.id === result.data.userId)?.name ?? result.data.userId;
    addUser.mutate(
      { groupId, userId: result.data.userId },
      {
        onSuccess: () => {
          errors.reset();
          form.reset();
          refresh(t("addedToast", { user: name, group: group?.name ?? "" }));
        },
      },
    );
  };

  return (
    <Dialog open={group !== null} onClose={onClose} title={t("membersTitle", { name: group?.name ?? "" })}>
      {members.error ? <FormError message={errorMessageOf(members.error)} /> : null}
      <h3 id={headingId} className="mb-2 text-sm font-semibold">
        {t("currentMembers")}
      </h3>
      <ul aria-labelledby={headingId} className="mb-4 divide-y divide-border rounded-md border border-border">
        {members.isLoading ? (
          <li className="px-3 py-2 text-sm text-fg-muted">{t("loadingMembers")}</li>
        ) : null}
        {!members.isLoading && (members.data ?? []).length === 0 ? (
          <li className="px-3 py-2 text-sm text-fg-muted">{t("noMembers")}</li>
        ) : null}
        {(members.data ?? []).map((member) => (
          <li key={member.id} className="flex items-center justify-between px-3 py-1.5 text-sm">
            <span className="font-medium">{member.name}</span>
            <Button
              size="sm"
              variant="ghost"
              aria-label={t("removeMember", { name: member.name })}
              disabled={removeUser.isPending}
              onClick={() =>
                removeUser.mutate(
                  { groupId, userId: member.id },
                  {
                    onSuccess: () =>
                      refresh(t("removedToast", { user: member.name, group: group?.name ?? "" })),
                  },
                )
              }
            >
              <UserMinus size={15} aria-hidden /> {t("remove")}
            </Button>
          </li>
        ))}
      </ul>
      <form
        id={formId}
        onSubmit={submit}
        noValidate
        aria-label={t("addMember")}
        className="flex items-end gap-2"
      >
        <div className="flex-1">
          <SelectField
            label={t("addUser")}
            name="userId"
            placeholder={t("chooseUser")}
            options={candidates.map((u) => ({ value: u.id, label: u.name }))}
            error={errors.fields.userId}
          />
        </div>
        <Button type="submit" variant="primary" busy={addUser.isPending}>
          {t("addToGroup")}
        </Button>
      </form>
      <FormError message={errors.formError} />
      <ShowCli
        formId={formId}
        cli={(v) => (group ? groupAddUser({ groupId: group.id, userId: v.userId ?? "" }) : [])}
      />
    </Dialog>
  );
}
