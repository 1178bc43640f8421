"use server";

import { redirect } from "next/navigation";
import { AuthError, CredentialsSignin } from "next-auth";
import { z } from "zod";
import { signIn } from "@/auth";
import { LOGIN_UNAVAILABLE_MESSAGE, loginErrorMessage } from "@/auth/login-errors";
import { safeCallbackPath } from "@/auth/safe-callback";
import { toFieldErrors } from "@/lib/field-errors";
import type { LoginState } from "./login-state";

const LoginFormSchema = z.object({
  username: z.string().trim().min(1, "Enter your username."),
  password: z.string().min(1, "Enter your password."),
  domain: z.string().trim().min(1, "Enter the domain (usually Default)."),
});

function text(formData: FormData, name: string): string {
  const value = formData.get(name);
  return typeof value === "string" ? value : "";
}

export async function loginAction(_previous: LoginState, formData: FormData): Promise<LoginState> {
  const values = {
    username: text(formData, "username"),
    password: text(formData, "password"),
    domain: text(formData, "domain"),
  };
  const kept = { username: values.username, domain: values.domain || "Default" };
  const parsed = LoginFormSchema.safeParse(values);
  if (!parsed.success) return { ...kept, error: null, fields: toFieldErrors(parsed.error.issues) };

  try {
    await signIn("credentials", { ...parsed.data, redirect: false });
  } catch (error) {
    if (error instanceof CredentialsSignin)
      return { ...kept, error: loginErrorMessage(error.code), fields: {} };
    if (error instanceof AuthError) {
      console.error("Login failed:", error.message);
      return { ...kept, error: LOGIN_UNAVAILABLE_MESSAGE, fields: {} };
    }
    throw error;
  }
  redirect(safeCallbackPath(text(formData, "callbackUrl")));
}
