"use client";

import { useTranslations } from "next-intl";
import { type FormEvent, useMemo, useTransition } from "react";
import { z } from "zod";
import { endSessionAfterPasswordChange } from "@/auth/logout-actions";
import { FormError } from "@/components/form/form-error";
import { TextField } from "@/components/form/text-field";
import { Button } from "@/components/ui/button";
import { formValues, validateForm } from "@/lib/field-errors";
import { useFormErrors } from "@/lib/use-form-errors";
import { trpc } from "@/trpc/react";

type ErrorsT = ReturnType<typeof useTranslations<"settings.password.errors">>;

/** Built with the reader's language: its messages are shown under the fields. */
function changePasswordSchema(t: ErrorsT) {
  return z
    .object({
      originalPassword: z.string().min(1, t("enterCurrent")),
      password: z.string().min(1, t("enterNew")).max(4096),
      confirmPassword: z.string(),
    })
    .refine((v) => v.password === v.confirmPassword, { message: t("mismatch"), path: ["confirmPassword"] })
    .refine((v) => v.password !== v.originalPassword, { message: t("same"), path: ["password"] });
}

export function ChangePasswordForm() {
  const t = useTranslations("settings.password");
  const tErrors = useTranslations("settings.password.errors");
  const schema = useMemo(() => changePasswordSchema(tErrors), [tErrors]);
  const errors = useFormErrors();
  const [loggingOut, startLogout] = useTransition();
  const change = trpc.identity.me.changePassword.useMutation({
    onSuccess: () => startLogout(() => endSessionAfterPasswordChange()),
    onError: errors.showError,
  });

  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const result = validateForm(schema, formValues(event.currentTarget));
    if (!result.ok) return errors.showFieldErrors(result.fields);
    change.mutate({ originalPassword: result.data.originalPassword, password: result.data.password });
  };

  return (
    <form
      onSubmit={submit}
      noValidate
      aria-label={t("form")}
      className="flex max-w-md flex-col gap-4 rounded-lg border border-border bg-surface p-5"
    >
      <TextField
        label={t("current")}
        name="originalPassword"
        type="password"
        autoComplete="current-password"
        error={errors.fields.originalPassword}
      />
      <TextField
        label={t("new")}
        name="password"
        type="password"
        autoComplete="new-password"
        error={errors.fields.password}
      />
      <TextField
        label={t("confirm")}
        name="confirmPassword"
        type="password"
        autoComplete="new-password"
        error={errors.fields.confirmPassword}
      />
      <FormError message={errors.formError} />
      <div>
        <Button type="submit" variant="primary" busy={change.isPending || loggingOut}>
          {t("submit")}
        </Button>
      </div>
    </form>
  );
}
