"use client";

import type { FormEvent } from "react";
import { z } from "zod";
import { FormError } from "@/components/form/form-error";
import { TextField } from "@/components/form/text-field";
import { useToast } from "@/components/toast/toast-provider";
import { Button } from "@/components/ui/button";
import { Dialog } from "@/components/ui/dialog";
import { DialogActions } from "@/components/ui/dialog-actions";
import { formValues, validateForm } from "@/lib/field-errors";
import { roleCreate } from "@/lib/openstack-cli/identity";
import { useFormErrors } from "@/lib/use-form-errors";
import { trpc } from "@/trpc/react";

const RoleFormSchema = z.object({
  name: z.string().trim().min(1, "Enter a role name.").max(255, "At most 255 characters."),
  description: z.string().max(255, "At most 255 characters.").default(""),
});

export function CreateRoleDialog({ open, onClose }: { open: boolean; onClose: () => void }) {
  const utils = trpc.useUtils();
  const toast = useToast();
  const errors = useFormErrors();
  const create = trpc.identity.roles.create.useMutation({
    onSuccess: (role) => {
      void utils.identity.roles.invalidate();
      toast.show(`Role ${role.name} created.`);
      errors.reset();
      onClose();
    },
    onError: errors.showError,
  });

  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const result = validateForm(RoleFormSchema, formValues(event.currentTarget));
    if (!result.ok) return errors.showFieldErrors(result.fields);
    create.mutate(result.data);
  };

  const cancel = () => {
    errors.reset();
    onClose();
  };

  return (
    <Dialog open={open} onClose={cancel} title="Create role">
      <form onSubmit={submit} noValidate className="flex flex-col gap-4">
        <TextField label="Name" name="name" error={errors.fields.name} autoFocus />
        <TextField label="Description" name="description" error={errors.fields.description} />
        <FormError message={errors.formError} />
        <DialogActions cli={(v) => roleCreate({ name: v.name ?? "", description: v.description })}>
          <Button onClick={cancel}>Cancel</Button>
          <Button type="submit" variant="primary" busy={create.isPending}>
            Create role
          </Button>
        </DialogActions>
      </form>
    </Dialog>
  );
}
