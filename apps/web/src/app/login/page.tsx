import type { Metadata } from "next";
import { getTranslations } from "next-intl/server";
import { safeCallbackPath } from "@/auth/safe-callback";
import { ThemeToggle } from "@/components/shell/theme-toggle";
import { ClientMessages } from "@/i18n/client-messages";
import { LoginForm } from "./login-form";

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations("login.meta");
  return { title: t("title") };
}

/** `?reason=` values and their notices (`login.notices.*`). */
const NOTICES = {
  expired: "expired",
  "logged-out": "loggedOut",
  "password-changed": "passwordChanged",
} as const;

function isNoticeReason(reason: string): reason is keyof typeof NOTICES {
  return Object.hasOwn(NOTICES, reason);
}

interface LoginPageProps {
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}

export default async function LoginPage({ searchParams }: LoginPageProps) {
  const params = await searchParams;
  const reason = typeof params.reason === "string" ? params.reason : undefined;
  const t = await getTranslations("login");
  const notice = reason && isNoticeReason(reason) ? t(`notices.${NOTICES[reason]}`) : undefined;
  const callbackUrl = safeCallbackPath(params.callbackUrl);

  return (
    <ClientMessages namespaces={["login"]}>
      <main className="flex min-h-screen items-center justify-center px-4">
        <div className="absolute top-4 right-4">
          <ThemeToggle />
        </div>
        <div className="w-full max-w-sm">
          <div className="mb-6 text-center">
            <p className="text-2xl font-semibold tracking-tight">Zenith</p>
            <h1 className="mt-1 text-sm text-fg-muted">{t("heading")}</h1>
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
    </ClientMessages>
  );
}
