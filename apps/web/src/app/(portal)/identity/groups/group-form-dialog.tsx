"use client";

import type { FormEvent } from "react";
import { z } from "zod";
import { FormError } from "@/components/form/form-error";
import { TextField } from "@/components/form/text-field";
import { TextareaField } from "@/components/form/textarea-field";
import { useToast } from "@/components/toast/toast-provider";
import { Button } from "@/components/ui/button";
import { Dialog } from "@/components/ui/dialog";
import { DialogActions } from "@/components/ui/dialog-actions";
import { formValues, validateForm } from "@/lib/field-errors";
import { groupCreate, groupSet } from "@/lib/openstack-cli/identity";
import { useFormErrors } from "@/lib/use-form-errors";
import { type RouterOutputs, trpc } from "@/trpc/react";

type Group = RouterOutputs["identity"]["groups"]["list"]["items"][number];

const GroupFormSchema = z.object({
  name: z.string().trim().min(1, "Enter a group name.").max(64, "At most 64 characters."),
  description: z.string().max(255, "At most 255 characters.").default(""),
});

interface GroupFormDialogProps {
  group?: Group;
  open: boolean;
  onClose: () => void;
}

export function GroupFormDialog({ group, open, onClose }: GroupFormDialogProps) {
  const utils = trpc.useUtils();
  const toast = useToast();
  const errors = useFormErrors();
  const done = (message: string) => {
    void utils.identity.groups.invalidate();
    toast.show(message);
    errors.reset();
    onClose();
  };
  const create = trpc.identity.groups.create.useMutation({
    onSuccess: (g) => done(`Group ${g.name} created.`),
    onError: errors.showError,
  });
  const update = trpc.identity.groups.update.useMutation({
    onSuccess: (g) => done(`Group ${g.name} updated.`),
    onError: errors.showError,
  });

  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const result = validateForm(GroupFormSchema, formValues(event.currentTarget));
    if (!result.ok) return errors.showFieldErrors(result.fields);
    if (group) update.mutate({ id: group.id, ...result.data });
    else create.mutate(result.data);
  };

  const cancel = () => {
    errors.reset();
    onClose();
  };

  return (
    <Dialog open={open} onClose={cancel} title={group ? `Edit group ${group.name}` : "Create group"}>
      <form onSubmit={submit} noValidate className="flex flex-col gap-4">
        <TextField label="Name" name="name" defaultValue={group?.name} error={errors.fields.name} autoFocus />
        <TextareaField
          label="Description"
          name="description"
          defaultValue={group?.description}
          error={errors.fields.description}
        />
        <FormError message={errors.formError} />
        <DialogActions
          cli={(v) =>
            group
              ? groupSet({ groupId: group.id, name: v.name ?? "", description: v.description ?? "" })
              : groupCreate({ name: v.name ?? "", description: v.description })
          }
        >
          <Button onClick={cancel}>Cancel</Button>
          <Button type="submit" variant="primary" busy={create.isPending || update.isPending}>
            {group ? "Save changes" : "Create group"}
          </Button>
        </DialogActions>
      </form>
    </Dialog>
  );
}
