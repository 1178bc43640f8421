"use client";

import { useTranslations } from "next-intl";
import { type FormEvent, useMemo, useState } from "react";
import { z } from "zod";
import { ShowCli } from "@/components/cli/show-cli";
import { FormError } from "@/components/form/form-error";
import { SelectField } from "@/components/form/select-field";
import { Button } from "@/components/ui/button";
import { formValues, validateForm } from "@/lib/field-errors";
import { roleAdd } from "@/lib/openstack-cli/identity";
import { useFormErrors } from "@/lib/use-form-errors";
import { trpc } from "@/trpc/react";
import type { ValidationT } from "../users/user-form-schemas";

/** Built with the reader's language, for the messages under the fields. */
const grantFormSchema = (t: ValidationT) =>
  z.object({
    granteeType: z.enum(["user", "group"]),
    granteeId: z.string().min(1, t("chooseGrantee")),
    roleId: z.string().min(1, t("chooseRole")),
  });

const OPTIONS_PAGE = { page: 1, pageSize: 100, sort: "name", dir: "asc" } as const;

interface GrantRoleFormProps {
  projectId: string;
  onGranted: (message: string) => void;
}

/** Grants a role on the project to a user or a group. */
export function GrantRoleForm({ projectId, onGranted }: GrantRoleFormProps) {
  const t = useTranslations("identity.projects");
  const tValidation = useTranslations("identity.validation");
  const schema = useMemo(() => grantFormSchema(tValidation), [tValidation]);
  const [granteeType, setGranteeType] = useState<"user" | "group">("user");
  const errors = useFormErrors();
  const users = trpc.identity.users.list.useQuery(OPTIONS_PAGE, { enabled: granteeType === "user" });
  const groups = trpc.identity.groups.list.useQuery(OPTIONS_PAGE, { enabled: granteeType === "group" });
  const roles = trpc.identity.roles.list.useQuery(OPTIONS_PAGE);
  const grant = trpc.identity.projects.grant.useMutation({ onError: errors.showError });

  const grantees = (granteeType === "user" ? users.data?.items : groups.data?.items) ?? [];

  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const result = validateForm(schema, formValues(event.currentTarget));
    if (!result.ok) return errors.showFieldErrors(result.fields);
    const { granteeId, roleId } = result.data;
    const who = grantees.find((g) => g.id === granteeId)?.name ?? granteeId;
    const role = roles.data?.items.find((r) => r.id === roleId)?.name ?? roleId;
    const target = result.data.granteeType === "user" ? { userId: granteeId } : { groupId: granteeId };
    grant.mutate(
      { projectId, roleId, ...target },
      {
        onSuccess: () => {
          errors.reset();
          onGranted(t("grantedToast", { role, name: who }));
        },
      },
    );
  };

  return (
    <form
      onSubmit={submit}
      noValidate
      aria-label={t("addMember")}
      className="rounded-md border border-border p-3"
    >
      <h3 className="mb-3 text-sm font-semibold">{t("addMemberHeading")}</h3>
      <div className="grid gap-3 sm:grid-cols-3">
        <SelectField
          label={t("memberType")}
          name="granteeType"
          value={granteeType}
          onChange={(e) => setGranteeType(e.target.value === "group" ? "group" : "user")}
          options={[
            { value: "user", label: t("user") },
            { value: "group", label: t("group") },
          ]}
        />
        <SelectField
          key={granteeType}
          label={granteeType === "user" ? t("user") : t("group")}
          name="granteeId"
          placeholder={granteeType === "user" ? t("chooseUser") : t("chooseGroup")}
          options={grantees.map((g) => ({ value: g.id, label: g.name }))}
          error={errors.fields.granteeId ?? errors.fields.userId ?? errors.fields.groupId}
        />
        <SelectField
          label={t("role")}
          name="roleId"
          placeholder={t("chooseRole")}
          options={(roles.data?.items ?? []).map((r) => ({ value: r.id, label: r.name }))}
          error={errors.fields.roleId}
        />
      </div>
      <FormError message={errors.formError} />
      <ShowCli
        className="mt-3"
        cli={(v) =>
          roleAdd({
            projectId,
            roleId: v.roleId ?? "",
            ...(granteeType === "group"
              ? { groupId: v.granteeId || "<group>" }
              : { userId: v.granteeId ?? "" }),
          })
        }
        actions={
          <Button type="submit" variant="primary" size="sm" busy={grant.isPending}>
            {t("grant")}
          </Button>
        }
      />
    </form>
  );
}
