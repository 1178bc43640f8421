"use client";

import { useActionState } from "react";
import { FormError } from "@/components/form/form-error";
import { TextField } from "@/components/form/text-field";
import { Button } from "@/components/ui/button";
import { loginAction } from "./actions";
import { INITIAL_LOGIN_STATE } from "./login-state";

export function LoginForm({ callbackUrl }: { callbackUrl: string }) {
  const [state, formAction, pending] = useActionState(loginAction, INITIAL_LOGIN_STATE);
  return (
    <form action={formAction} className="flex flex-col gap-4" noValidate>
      <input type="hidden" name="callbackUrl" value={callbackUrl} />
      <TextField
        label="Username"
        name="username"
        autoComplete="username"
        defaultValue={state.username}
        error={state.fields.username}
        required
        autoFocus
      />
      <TextField
        label="Password"
        name="password"
        type="password"
        autoComplete="current-password"
        error={state.fields.password}
        required
      />
      <TextField
        label="Domain"
        name="domain"
        defaultValue={state.domain}
        error={state.fields.domain}
        required
      />
      <FormError message={state.error} />
      <Button type="submit" variant="primary" busy={pending} className="mt-1 w-full">
        {pending ? "Logging in…" : "Log in"}
      </Button>
    </form>
  );
}
