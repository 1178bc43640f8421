"use client";

import { useTranslations } from "next-intl";
import { useActionState } from "react";
import { FormError } from "@/components/form/form-error";
import { TextField } from "@/components/form/text-field";
import { Button } from "@/components/ui/button";
import { loginAction } from "./actions";
import { INITIAL_LOGIN_STATE } from "./login-state";

export function LoginForm({ callbackUrl }: { callbackUrl: string }) {
  const t = useTranslations("login");
  const [state, formAction, pending] = useActionState(loginAction, INITIAL_LOGIN_STATE);
  return (
    <form action={formAction} className="flex flex-col gap-4" noValidate>
      <input type="hidden" name="callbackUrl" value={callbackUrl} />
      <TextField
        label={t("username")}
        name="username"
        autoComplete="username"
        defaultValue={state.username}
        error={state.fields.username}
        required
        autoFocus
      />
      <TextField
        label={t("password")}
        name="password"
        type="password"
        autoComplete="current-password"
        error={state.fields.password}
        required
      />
      <TextField
        label={t("domain")}
        name="domain"
        defaultValue={state.domain}
        error={state.fields.domain}
        required
      />
      <FormError message={state.error} />
      <Button type="submit" variant="primary" busy={pending} className="mt-1 w-full">
        {pending ? t("submitting") : t("submit")}
      </Button>
    </form>
  );
}
