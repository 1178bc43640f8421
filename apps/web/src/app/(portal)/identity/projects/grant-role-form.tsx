"use client";

import { type FormEvent, useState } from "react";
import { z } from "zod";
import { ShowCli } from "@/components/cli/show-cli";
import { FormError } from "@/components/form/form-error";
import { SelectField } from "@/components/form/select-field";
import { Button } from "@/components/ui/button";
import { formValues, validateForm } from "@/lib/field-errors";
import { roleAdd } from "@/lib/openstack-cli/identity";
import { useFormErrors } from "@/lib/use-form-errors";
import { trpc } from "@/trpc/react";

const GrantFormSchema = z.object({
  granteeType: z.enum(["user", "group"]),
  granteeId: z.string().min(1, "Choose who gets the role."),
  roleId: z.string().min(1, "Choose a role."),
});

const OPTIONS_PAGE = { page: 1, pageSize: 100, sort: "name", dir: "asc" } as const;

interface GrantRoleFormProps {
  projectId: string;
  onGranted: (message: string) => void;
}

/** Grants a role on the project to a user or a group. */
export function GrantRoleForm({ projectId, onGranted }: GrantRoleFormProps) {
  const [granteeType, setGranteeType] = useState<"user" | "group">("user");
  const errors = useFormErrors();
  const users = trpc.identity.users.list.useQuery(OPTIONS_PAGE, { enabled: granteeType === "user" });
  const groups = trpc.identity.groups.list.useQuery(OPTIONS_PAGE, { enabled: granteeType === "group" });
  const roles = trpc.identity.roles.list.useQuery(OPTIONS_PAGE);
  const grant = trpc.identity.projects.grant.useMutation({ onError: errors.showError });

  const grantees = (granteeType === "user" ? users.data?.items : groups.data?.items) ?? [];

  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const result = validateForm(GrantFormSchema, formValues(event.currentTarget));
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
          onGranted(`Granted ${role} to ${who}.`);
        },
      },
    );
  };

  return (
    <form
      onSubmit={submit}
      noValidate
      aria-label="Add member"
      className="rounded-md border border-border p-3"
    >
      <h3 className="mb-3 text-sm font-semibold">Add a member</h3>
      <div className="grid gap-3 sm:grid-cols-3">
        <SelectField
          label="Member type"
          name="granteeType"
          value={granteeType}
          onChange={(e) => setGranteeType(e.target.value === "group" ? "group" : "user")}
          options={[
            { value: "user", label: "User" },
            { value: "group", label: "Group" },
          ]}
        />
        <SelectField
          key={granteeType}
          label={granteeType === "user" ? "User" : "Group"}
          name="granteeId"
          placeholder={granteeType === "user" ? "Choose a user" : "Choose a group"}
          options={grantees.map((g) => ({ value: g.id, label: g.name }))}
          error={errors.fields.granteeId ?? errors.fields.userId ?? errors.fields.groupId}
        />
        <SelectField
          label="Role"
          name="roleId"
          placeholder="Choose a role"
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
            Grant role
          </Button>
        }
      />
    </form>
  );
}
