"use client";

import { useTranslations } from "next-intl";
import { type FormEvent, useMemo } from "react";
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
import { createFlavorSchema } from "./flavor-schema";

export function CreateFlavorDialog({ open, onClose }: { open: boolean; onClose: () => void }) {
  const t = useTranslations("admin.flavors");
  const tValidation = useTranslations("admin.flavors.validation");
  const tCommon = useTranslations("common");
  const schema = useMemo(() => createFlavorSchema(tValidation), [tValidation]);
  const toast = useToast();
  const utils = trpc.useUtils();
  const errors = useFormErrors();
  const create = trpc.admin.flavors.create.useMutation({
    onSuccess: (flavor) => {
      toast.show(t("createdToast", { name: flavor.name }));
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
    const result = validateForm(schema, formValues(event.currentTarget));
    if (!result.ok) return errors.showFieldErrors(result.fields);
    create.mutate(result.data);
  };
  return (
    <Dialog open={open} onClose={close} title={t("create")} size="lg">
      <form onSubmit={submit} noValidate className="grid gap-4 sm:grid-cols-3">
        <div className="sm:col-span-3">
          <TextField
            label={t("form.name")}
            name="name"
            error={errors.fields.name}
            autoComplete="off"
            autoFocus
          />
        </div>
        <TextField
          label={t("form.vcpus")}
          name="vcpus"
          type="number"
          min={1}
          defaultValue="1"
          error={errors.fields.vcpus}
        />
        <TextField
          label={t("form.ram")}
          name="ram"
          type="number"
          min={1}
          defaultValue="512"
          error={errors.fields.ram}
        />
        <TextField
          label={t("form.disk")}
          name="disk"
          type="number"
          min={0}
          defaultValue="1"
          error={errors.fields.disk}
        />
        <TextField
          label={t("form.ephemeral")}
          name="ephemeral"
          type="number"
          min={0}
          defaultValue="0"
          error={errors.fields.ephemeral}
        />
        <TextField
          label={t("form.swap")}
          name="swap"
          type="number"
          min={0}
          defaultValue="0"
          error={errors.fields.swap}
        />
        <div className="flex items-end pb-2">
          <CheckboxField label={t("form.isPublic")} name="isPublic" defaultChecked />
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
            <Button onClick={close}>{tCommon("cancel")}</Button>
            <Button type="submit" variant="primary" busy={create.isPending}>
              {t("create")}
            </Button>
          </DialogActions>
        </div>
      </form>
    </Dialog>
  );
}
