"use client";

import { useTranslations } from "next-intl";
import { type FormEvent, useMemo } from "react";
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
import type { ValidationT } from "../users/user-form-schemas";

/** Built with the reader's language, for the messages under the fields. */
const roleFormSchema = (t: ValidationT) =>
  z.object({
    name: z
      .string()
      .trim()
      .min(1, t("enterRoleName"))
      .max(255, t("atMost", { max: 255 })),
    description: z
      .string()
      .max(255, t("atMost", { max: 255 }))
      .default(""),
  });

export function CreateRoleDialog({ open, onClose }: { open: boolean; onClose: () => void }) {
  const t = useTranslations("identity.roles");
  const tFields = useTranslations("identity.fields");
  const tCommon = useTranslations("common");
  const tValidation = useTranslations("identity.validation");
  const schema = useMemo(() => roleFormSchema(tValidation), [tValidation]);
  const utils = trpc.useUtils();
  const toast = useToast();
  const errors = useFormErrors();
  const create = trpc.identity.roles.create.useMutation({
    onSuccess: (role) => {
      void utils.identity.roles.invalidate();
      toast.show(t("createdToast", { name: role.name }));
      errors.reset();
      onClose();
    },
    onError: errors.showError,
  });

  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const result = validateForm(schema, formValues(event.currentTarget));
    if (!result.ok) return errors.showFieldErrors(result.fields);
    create.mutate(result.data);
  };

  const cancel = () => {
    errors.reset();
    onClose();
  };

  return (
    <Dialog open={open} onClose={cancel} title={t("create")}>
      <form onSubmit={submit} noValidate className="flex flex-col gap-4">
        <TextField label={tFields("name")} name="name" error={errors.fields.name} autoFocus />
        <TextField label={tFields("description")} name="description" error={errors.fields.description} />
        <FormError message={errors.formError} />
        <DialogActions cli={(v) => roleCreate({ name: v.name ?? "", description: v.description })}>
          <Button onClick={cancel}>{tCommon("cancel")}</Button>
          <Button type="submit" variant="primary" busy={create.isPending}>
            {t("create")}
          </Button>
        </DialogActions>
      </form>
    </Dialog>
  );
}
