"use client";

import { type FormEvent, useTransition } from "react";
import { z } from "zod";
import { endSessionAfterPasswordChange } from "@/auth/logout-actions";
import { FormError } from "@/components/form/form-error";
import { TextField } from "@/components/form/text-field";
import { Button } from "@/components/ui/button";
import { formValues, validateForm } from "@/lib/field-errors";
import { useFormErrors } from "@/lib/use-form-errors";
import { trpc } from "@/trpc/react";

const ChangePasswordSchema = z
  .object({
    originalPassword: z.string().min(1, "Enter your current password."),
    password: z.string().min(1, "Enter a new password.").max(4096),
    confirmPassword: z.string(),
  })
  .refine((v) => v.password === v.confirmPassword, {
    message: "The passwords do not match.",
    path: ["confirmPassword"],
  })
  .refine((v) => v.password !== v.originalPassword, {
    message: "Choose a password different from the current one.",
    path: ["password"],
  });

export function ChangePasswordForm() {
  const errors = useFormErrors();
  const [loggingOut, startLogout] = useTransition();
  const change = trpc.identity.me.changePassword.useMutation({
    onSuccess: () => startLogout(() => endSessionAfterPasswordChange()),
    onError: errors.showError,
  });

  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const result = validateForm(ChangePasswordSchema, formValues(event.currentTarget));
    if (!result.ok) return errors.showFieldErrors(result.fields);
    change.mutate({ originalPassword: result.data.originalPassword, password: result.data.password });
  };

  return (
    <form
      onSubmit={submit}
      noValidate
      aria-label="Change password"
      className="flex max-w-md flex-col gap-4 rounded-lg border border-border bg-surface p-5"
    >
      <TextField
        label="Current password"
        name="originalPassword"
        type="password"
        autoComplete="current-password"
        error={errors.fields.originalPassword}
      />
      <TextField
        label="New password"
        name="password"
        type="password"
        autoComplete="new-password"
        error={errors.fields.password}
      />
      <TextField
        label="Confirm new password"
        name="confirmPassword"
        type="password"
        autoComplete="new-password"
        error={errors.fields.confirmPassword}
      />
      <FormError message={errors.formError} />
      <div>
        <Button type="submit" variant="primary" busy={change.isPending || loggingOut}>
          Change password and log out
        </Button>
      </div>
    </form>
  );
}
