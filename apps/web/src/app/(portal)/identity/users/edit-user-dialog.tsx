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
import { userSet } from "@/lib/openstack-cli/identity";
import { useFormErrors } from "@/lib/use-form-errors";
import { type RouterOutputs, trpc } from "@/trpc/react";
import { useProjectRoleOptions } from "./use-project-role-options";
import { EditUserFormSchema } from "./user-form-schemas";

type User = RouterOutputs["identity"]["users"]["list"]["items"][number];

export function EditUserDialog({ user, onClose }: { user: User | null; onClose: () => void }) {
  const utils = trpc.useUtils();
  const toast = useToast();
  const errors = useFormErrors();
  const options = useProjectRoleOptions(user !== null);
  const update = trpc.identity.users.update.useMutation({
    onSuccess: (saved) => {
      void utils.identity.users.invalidate();
      toast.show(`User ${saved.name} updated.`);
      errors.reset();
      onClose();
    },
    onError: errors.showError,
  });

  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    if (!user) return;
    const result = validateForm(EditUserFormSchema, formValues(event.currentTarget));
    if (!result.ok) return errors.showFieldErrors(result.fields);
    update.mutate({ id: user.id, ...result.data });
  };

  const cancel = () => {
    errors.reset();
    onClose();
  };

  return (
    <Dialog open={user !== null} onClose={cancel} title={`Edit user ${user?.name ?? ""}`}>
      {user ? (
        <form onSubmit={submit} noValidate className="flex flex-col gap-4">
          <TextField
            label="User name"
            name="name"
            defaultValue={user.name}
            error={errors.fields.name}
            autoFocus
          />
          <TextField
            label="Email"
            name="email"
            type="email"
            defaultValue={user.email}
            error={errors.fields.email}
          />
          <TextField
            label="Description"
            name="description"
            defaultValue={user.description}
            error={errors.fields.description}
          />
          <SelectField
            label="Default project"
            name="defaultProjectId"
            placeholder="None"
            defaultValue={user.defaultProjectId ?? ""}
            options={options.projects}
            error={errors.fields.defaultProjectId}
          />
          <CheckboxField label="Enabled" name="enabled" defaultChecked={user.enabled} />
          <FormError message={errors.formError} />
          <DialogActions
            cli={(v) =>
              userSet({
                userId: user?.id ?? "",
                name: v.name ?? "",
                email: v.email ?? "",
                description: v.description ?? "",
                defaultProjectId: v.defaultProjectId,
                enabled: v.enabled === "on",
              })
            }
          >
            <Button onClick={cancel}>Cancel</Button>
            <Button type="submit" variant="primary" busy={update.isPending}>
              Save changes
            </Button>
          </DialogActions>
        </form>
      ) : null}
    </Dialog>
  );
}
