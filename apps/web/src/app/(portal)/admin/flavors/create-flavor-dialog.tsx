"use client";

import type { FormEvent } from "react";
import { CheckboxField } from "@/components/form/checkbox-field";
import { FormError } from "@/components/form/form-error";
import { TextField } from "@/components/form/text-field";
import { useToast } from "@/components/toast/toast-provider";
import { Button } from "@/components/ui/button";
import { Dialog } from "@/components/ui/dialog";
import { DialogActions } from "@/components/ui/dialog-actions";
import { formValues, validateForm } from "@/lib/field-errors";
import { flavorCreate } from "@/lib/openstack-cli/flavor";
import { useFormErrors } from "@/lib/use-form-errors";
import { trpc } from "@/trpc/react";
import { CreateFlavorSchema } from "./flavor-schema";

export function CreateFlavorDialog({ open, onClose }: { open: boolean; onClose: () => void }) {
  const toast = useToast();
  const utils = trpc.useUtils();
  const errors = useFormErrors();
  const create = trpc.admin.flavors.create.useMutation({
    onSuccess: (flavor) => {
      toast.show(`Flavor ${flavor.name} created.`);
      void utils.compute.flavors.invalidate();
      void utils.admin.flavors.invalidate();
      void utils.compute.launchOptions.invalidate();
      errors.reset();
      onClose();
    },
    onError: errors.showError,
  });
  const close = () => {
    errors.reset();
    onClose();
  };
  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const result = validateForm(CreateFlavorSchema, formValues(event.currentTarget));
    if (!result.ok) return errors.showFieldErrors(result.fields);
    create.mutate(result.data);
  };
  return (
    <Dialog open={open} onClose={close} title="Create flavor" size="lg">
      <form onSubmit={submit} noValidate className="grid gap-4 sm:grid-cols-3">
        <div className="sm:col-span-3">
          <TextField label="Name" name="name" error={errors.fields.name} autoComplete="off" autoFocus />
        </div>
        <TextField
          label="vCPUs"
          name="vcpus"
          type="number"
          min={1}
          defaultValue="1"
          error={errors.fields.vcpus}
        />
        <TextField
          label="RAM (MB)"
          name="ram"
          type="number"
          min={1}
          defaultValue="512"
          error={errors.fields.ram}
        />
        <TextField
          label="Root disk (GB)"
          name="disk"
          type="number"
          min={0}
          defaultValue="1"
          error={errors.fields.disk}
        />
        <TextField
          label="Ephemeral disk (GB)"
          name="ephemeral"
          type="number"
          min={0}
          defaultValue="0"
          error={errors.fields.ephemeral}
        />
        <TextField
          label="Swap (MB)"
          name="swap"
          type="number"
          min={0}
          defaultValue="0"
          error={errors.fields.swap}
        />
        <div className="flex items-end pb-2">
          <CheckboxField label="Public (every project)" name="isPublic" defaultChecked />
        </div>
        <div className="sm:col-span-3">
          <FormError message={errors.formError} />
          <DialogActions
            cli={(v) =>
              flavorCreate({
                name: v.name ?? "",
                vcpus: v.vcpus ?? "",
                ram: v.ram ?? "",
                disk: v.disk ?? "",
                ephemeral: v.ephemeral,
                swap: v.swap,
                isPublic: v.isPublic === "on",
              })
            }
          >
            <Button onClick={close}>Cancel</Button>
            <Button type="submit" variant="primary" busy={create.isPending}>
              Create flavor
            </Button>
          </DialogActions>
        </div>
      </form>
    </Dialog>
  );
}
