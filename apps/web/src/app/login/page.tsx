import type { Metadata } from "next";
import { safeCallbackPath } from "@/auth/safe-callback";
import { ThemeToggle } from "@/components/shell/theme-toggle";
import { LoginForm } from "./login-form";

export const metadata: Metadata = { title: "Log in" };

const NOTICES: Record<string, string> = {
  expired: "Your session has expired. Please log in again.",
  "logged-out": "You have logged out.",
  "password-changed": "Your password was changed. Log in with the new password.",
};

interface LoginPageProps {
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}

export default async function LoginPage({ searchParams }: LoginPageProps) {
  const params = await searchParams;
  const reason = typeof params.reason === "string" ? params.reason : undefined;
  const notice = reason ? NOTICES[reason] : undefined;
  const callbackUrl = safeCallbackPath(params.callbackUrl);

  return (
    <main className="flex min-h-screen items-center justify-center px-4">
      <div className="absolute top-4 right-4">
        <ThemeToggle />
      </div>
      <div className="w-full max-w-sm">
        <div className="mb-6 text-center">
          <p className="text-2xl font-semibold tracking-tight">Zenith</p>
          <h1 className="mt-1 text-sm text-fg-muted">Log in to the cloud portal</h1>
        </div>
        <div className="rounded-lg border border-border bg-surface p-6 shadow-sm">
          {notice ? (
            <p
              role="status"
              className="mb-4 rounded-md border border-warning bg-warning-soft px-3 py-2 text-sm"
            >
              {notice}
            </p>
          ) : null}
          <LoginForm callbackUrl={callbackUrl} />
        </div>
      </div>
    </main>
  );
}
