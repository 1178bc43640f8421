"use client";

import type { FormEvent } from "react";
import { z } from "zod";
import { CheckboxField } from "@/components/form/checkbox-field";
import { FormError } from "@/components/form/form-error";
import { TextField } from "@/components/form/text-field";
import { Button } from "@/components/ui/button";
import { Dialog } from "@/components/ui/dialog";
import { DialogActions } from "@/components/ui/dialog-actions";
import { formValues, validateForm } from "@/lib/field-errors";
import { appCredentialCreate } from "@/lib/openstack-cli/identity";
import { useFormErrors } from "@/lib/use-form-errors";
import { type RouterOutputs, trpc } from "@/trpc/react";

export type CreatedAppCredential = RouterOutputs["identity"]["appCredentials"]["create"];

const AppCredentialFormSchema = z.object({
  name: z.string().trim().min(1, "Enter a name.").max(255, "At most 255 characters."),
  description: z
    .string()
    .max(255, "At most 255 characters.")
    .optional()
    .transform((v) => v || undefined),
  expiresAt: z
    .string()
    .optional()
    .transform((v) => (v ? new Date(`${v}T23:59:59Z`).toISOString() : undefined))
    .refine((v) => !v || Date.parse(v) > Date.now(), "Choose a date in the future."),
  unrestricted: z
    .string()
    .optional()
    .transform((v) => v === "on"),
});

interface CreateAppCredentialDialogProps {
  open: boolean;
  onClose: () => void;
  onCreated: (credential: CreatedAppCredential) => void;
}

export function CreateAppCredentialDialog({ open, onClose, onCreated }: CreateAppCredentialDialogProps) {
  const utils = trpc.useUtils();
  const errors = useFormErrors();
  const create = trpc.identity.appCredentials.create.useMutation({
    onSuccess: (credential) => {
      void utils.identity.appCredentials.invalidate();
      errors.reset();
      onCreated(credential);
    },
    onError: errors.showError,
  });

  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const result = validateForm(AppCredentialFormSchema, formValues(event.currentTarget));
    if (!result.ok) return errors.showFieldErrors(result.fields);
    create.mutate(result.data);
  };

  const cancel = () => {
    errors.reset();
    onClose();
  };

  return (
    <Dialog
      open={open}
      onClose={cancel}
      title="Create application credential"
      description="It gets your roles in the current project. The secret is shown once, right after creation."
    >
      <form onSubmit={submit} noValidate className="flex flex-col gap-4">
        <TextField label="Name" name="name" error={errors.fields.name} autoFocus />
        <TextField label="Description" name="description" error={errors.fields.description} />
        <TextField
          label="Expires on"
          name="expiresAt"
          type="date"
          error={errors.fields.expiresAt}
          hint="Optional. Leave empty for a credential that does not expire."
        />
        <CheckboxField
          label="Unrestricted (may create other credentials; avoid unless needed)"
          name="unrestricted"
        />
        <FormError message={errors.formError} />
        <DialogActions
          cli={(v) =>
            appCredentialCreate({
              name: v.name ?? "",
              description: v.description,
              expiresAt: v.expiresAt,
              unrestricted: v.unrestricted === "on",
            })
          }
        >
          <Button onClick={cancel}>Cancel</Button>
          <Button type="submit" variant="primary" busy={create.isPending}>
            Create credential
          </Button>
        </DialogActions>
      </form>
    </Dialog>
  );
}
