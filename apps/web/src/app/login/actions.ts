"use server";

import { redirect } from "next/navigation";
import { AuthError, CredentialsSignin } from "next-auth";
import { getTranslations } from "next-intl/server";
import { z } from "zod";
import { signIn } from "@/auth";
import { loginErrorKey } from "@/auth/login-errors";
import { safeCallbackPath } from "@/auth/safe-callback";
import { toFieldErrors } from "@/lib/field-errors";
import type { LoginState } from "./login-state";

type LoginT = Awaited<ReturnType<typeof getTranslations<"login">>>;

/** Built per request: its messages are in the reader's language. */
function loginFormSchema(t: LoginT) {
  return z.object({
    username: z.string().trim().min(1, t("errors.enterUsername")),
    password: z.string().min(1, t("errors.enterPassword")),
    domain: z.string().trim().min(1, t("errors.enterDomain")),
  });
}

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
  const t = await getTranslations("login");
  const parsed = loginFormSchema(t).safeParse(values);
  if (!parsed.success) return { ...kept, error: null, fields: toFieldErrors(parsed.error.issues) };

  try {
    await signIn("credentials", { ...parsed.data, redirect: false });
  } catch (error) {
    if (error instanceof CredentialsSignin)
      return { ...kept, error: t(`errors.${loginErrorKey(error.code)}`), fields: {} };
    if (error instanceof AuthError) {
      console.error("Login failed:", error.message);
      return { ...kept, error: t("errors.unavailable"), fields: {} };
    }
    throw error;
  }
  redirect(safeCallbackPath(text(formData, "callbackUrl")));
}
