"use client";

import { useRouter } from "next/navigation";
import type { FormEvent } from "react";
import { z } from "zod";
import { FormError } from "@/components/form/form-error";
import { TextField } from "@/components/form/text-field";
import { useToast } from "@/components/toast/toast-provider";
import { Button } from "@/components/ui/button";
import { Dialog } from "@/components/ui/dialog";
import { DialogActions } from "@/components/ui/dialog-actions";
import { formValues, validateForm } from "@/lib/field-errors";
import { securityGroupCreate } from "@/lib/openstack-cli/network";
import { useFormErrors } from "@/lib/use-form-errors";
import { trpc } from "@/trpc/react";

const CreateGroupFormSchema = z.object({
  name: z
    .string()
    .trim()
    .min(1, "Enter a name.")
    .max(255, "Use at most 255 characters.")
    .refine((v) => v !== "default", "default is reserved for the project's default group."),
  description: z
    .string()
    .trim()
    .max(255, "Use at most 255 characters.")
    .transform((v) => v || undefined),
});

/** Creates a group and opens it, where its rules are added. */
export function SecurityGroupCreateDialog({ open, onClose }: { open: boolean; onClose: () => void }) {
  const utils = trpc.useUtils();
  const toast = useToast();
  const router = useRouter();
  const errors = useFormErrors();
  const create = trpc.network.securityGroups.create.useMutation({
    onSuccess: (group) => {
      void utils.network.securityGroups.list.invalidate();
      toast.show(`Security group ${group.name} created. Add its rules here.`);
      errors.reset();
      onClose();
      router.push(`/project/security-groups/${group.id}`);
    },
    onError: errors.showError,
  });

  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const result = validateForm(CreateGroupFormSchema, formValues(event.currentTarget));
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
      title="Create security group"
      description="A new group lets all traffic out and nothing in until you add rules."
    >
      <form onSubmit={submit} noValidate className="grid gap-4">
        <TextField label="Name" name="name" autoComplete="off" autoFocus error={errors.fields.name} />
        <TextField label="Description" name="description" error={errors.fields.description} />
        <FormError message={errors.formError} />
        <DialogActions cli={(v) => securityGroupCreate({ name: v.name ?? "", description: v.description })}>
          <Button onClick={cancel}>Cancel</Button>
          <Button type="submit" variant="primary" busy={create.isPending}>
            Create group
          </Button>
        </DialogActions>
      </form>
    </Dialog>
  );
}
