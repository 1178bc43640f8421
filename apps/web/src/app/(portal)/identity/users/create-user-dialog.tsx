"use client";

import type { FormEvent } from "react";
import { CheckboxField } from "@/components/form/checkbox-field";
import { FormError } from "@/components/form/form-error";
import { SelectField } from "@/components/form/select-field";
import { TextField } from "@/components/form/text-field";
import { useToast } from "@/components/toast/toast-provider";
import { Button } from "@/components/ui/button";
import { Dialog } from "@/components/ui/dialog";
import { DialogActions } from "@/components/ui/dialog-actions";
import { formValues, validateForm } from "@/lib/field-errors";
import { userCreate } from "@/lib/openstack-cli/identity";
import { useFormErrors } from "@/lib/use-form-errors";
import { trpc } from "@/trpc/react";
import { useProjectRoleOptions } from "./use-project-role-options";
import { CreateUserFormSchema } from "./user-form-schemas";

export function CreateUserDialog({ open, onClose }: { open: boolean; onClose: () => void }) {
  const utils = trpc.useUtils();
  const toast = useToast();
  const errors = useFormErrors();
  const options = useProjectRoleOptions(open);
  const create = trpc.identity.users.create.useMutation({
    onSuccess: (user) => {
      void utils.identity.users.invalidate();
      toast.show(`User ${user.name} created.`);
      errors.reset();
      onClose();
    },
    onError: errors.showError,
  });

  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const result = validateForm(CreateUserFormSchema, formValues(event.currentTarget));
    if (!result.ok) return errors.showFieldErrors(result.fields);
    const { confirmPassword: _confirm, ...input } = result.data;
    create.mutate({ ...input, defaultProjectId: input.projectId });
  };

  const cancel = () => {
    errors.reset();
    onClose();
  };

  return (
    <Dialog open={open} onClose={cancel} title="Create user" size="lg">
      <form onSubmit={submit} noValidate className="grid gap-4 sm:grid-cols-2">
        <TextField label="User name" name="name" autoComplete="off" error={errors.fields.name} autoFocus />
        <TextField label="Email" name="email" type="email" autoComplete="off" error={errors.fields.email} />
        <TextField
          label="Password"
          name="password"
          type="password"
          autoComplete="new-password"
          error={errors.fields.password}
        />
        <TextField
          label="Confirm password"
          name="confirmPassword"
          type="password"
          autoComplete="new-password"
          error={errors.fields.confirmPassword}
        />
        <div className="sm:col-span-2">
          <TextField label="Description" name="description" error={errors.fields.description} />
        </div>
        <SelectField
          label="Primary project"
          name="projectId"
          placeholder="No project"
          options={options.projects}
          error={errors.fields.projectId}
          hint="Optional. Becomes the user's default project."
        />
        <SelectField
          label="Role on the project"
          name="roleId"
          placeholder="No role"
          options={options.roles}
          error={errors.fields.roleId}
        />
        <CheckboxField label="Enabled" name="enabled" defaultChecked />
        <div className="sm:col-span-2">
          <FormError message={errors.formError} />
          <DialogActions
            cli={(v) =>
              userCreate({
                name: v.name ?? "",
                email: v.email,
                description: v.description,
                hasPassword: Boolean(v.password),
                projectId: v.projectId,
                roleId: v.roleId,
                enabled: v.enabled === "on",
              })
            }
          >
            <Button onClick={cancel}>Cancel</Button>
            <Button type="submit" variant="primary" busy={create.isPending}>
              Create user
            </Button>
          </DialogActions>
        </div>
      </form>
    </Dialog>
  );
}
