"use client";

import { useTranslations } from "next-intl";
import { type FormEvent, useMemo } from "react";
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
import type { ValidationT } from "../users/user-form-schemas";

export type CreatedAppCredential = RouterOutputs["identity"]["appCredentials"]["create"];

/** Built with the reader's language, for the messages under the fields. */
const appCredentialFormSchema = (t: ValidationT) =>
  z.object({
    name: z
      .string()
      .trim()
      .min(1, t("enterName"))
      .max(255, t("atMost", { max: 255 })),
    description: z
      .string()
      .max(255, t("atMost", { max: 255 }))
      .optional()
      .transform((v) => v || undefined),
    expiresAt: z
      .string()
      .optional()
      .transform((v) => (v ? new Date(`${v}T23:59:59Z`).toISOString() : undefined))
      .refine((v) => !v || Date.parse(v) > Date.now(), t("futureDate")),
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
  const t = useTranslations("identity.appCredentials");
  const tFields = useTranslations("identity.fields");
  const tCommon = useTranslations("common");
  const tValidation = useTranslations("identity.validation");
  const schema = useMemo(() => appCredentialFormSchema(tValidation), [tValidation]);
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
    const result = validateForm(schema, formValues(event.currentTarget));
    if (!result.ok) return errors.showFieldErrors(result.fields);
    create.mutate(result.data);
  };

  const cancel = () => {
    errors.reset();
    onClose();
  };

  return (
    <Dialog open={open} onClose={cancel} title={t("createLong")} description={t("createDescription")}>
      <form onSubmit={submit} noValidate className="flex flex-col gap-4">
        <TextField label={tFields("name")} name="name" error={errors.fields.name} autoFocus />
        <TextField label={tFields("description")} name="description" error={errors.fields.description} />
        <TextField
          label={t("expiresOn")}
          name="expiresAt"
          type="date"
          error={errors.fields.expiresAt}
          hint={t("expiresHint")}
        />
        <CheckboxField label={t("unrestricted")} name="unrestricted" />
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
          <Button onClick={cancel}>{tCommon("cancel")}</Button>
          <Button type="submit" variant="primary" busy={create.isPending}>
            {t("create")}
          </Button>
        </DialogActions>
      </form>
    </Dialog>
  );
}
