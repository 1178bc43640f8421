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
import { securityGroupSet } from "@/lib/openstack-cli/network";
import { useFormErrors } from "@/lib/use-form-errors";
import { trpc } from "@/trpc/react";

const EditGroupFormSchema = z.object({
  name: z.string().trim().min(1, "Enter a name.").max(255, "Use at most 255 characters."),
  description: z.string().trim().max(255, "Use at most 255 characters."),
});

interface Props {
  group: { id: string; name: string; description: string; isDefault: boolean } | null;
  onClose: () => void;
}

/** Rename a group or change its description; the default group keeps its name. */
export function SecurityGroupEditDialog({ group, onClose }: Props) {
  const utils = trpc.useUtils();
  const toast = useToast();
  const errors = useFormErrors();
  const update = trpc.network.securityGroups.update.useMutation({
    onSuccess: (g) => {
      void utils.network.securityGroups.invalidate();
      toast.show(`Security group ${g.name} saved.`);
      errors.reset();
      onClose();
    },
    onError: errors.showError,
  });

  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    if (!group) return;
    const result = validateForm(EditGroupFormSchema, formValues(event.currentTarget));
    if (!result.ok) return errors.showFieldErrors(result.fields);
    update.mutate({ id: group.id, ...result.data });
  };
  const cancel = () => {
    errors.reset();
    onClose();
  };

  return (
    <Dialog open={group !== null} onClose={cancel} title={`Edit ${group?.name ?? "security group"}`}>
      <form onSubmit={submit} noValidate className="grid gap-4">
        <TextField
          label="Name"
          name="name"
          autoComplete="off"
          defaultValue={group?.name}
          readOnly={group?.isDefault}
          hint={group?.isDefault ? "The default group keeps its name." : undefined}
          error={errors.fields.name}
          autoFocus
        />
        <TextField
          label="Description"
          name="description"
          defaultValue={group?.description}
          error={errors.fields.description}
        />
        <FormError message={errors.formError} />
        <DialogActions
          cli={(v) =>
            securityGroupSet({
              groupId: group?.id ?? "",
              name: v.name ?? "",
              description: v.description ?? "",
            })
          }
        >
          <Button onClick={cancel}>Cancel</Button>
          <Button type="submit" variant="primary" busy={update.isPending}>
            Save
          </Button>
        </DialogActions>
      </form>
    </Dialog>
  );
}
