import type { Metadata } from "next";
import { NextIntlClientProvider } from "next-intl";
import { getLocale, getMessages, getTranslations } from "next-intl/server";
import type { ReactNode } from "react";
import { ToastProvider } from "@/components/toast/toast-provider";
import { pickMessages, ROOT_CLIENT_NAMESPACES } from "@/i18n/client-namespaces";
import { THEME_BOOT_SCRIPT } from "@/lib/theme";
import "./globals.css";

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations("shell.meta");
  return {
    title: { default: "Zenith", template: "%s · Zenith" },
    description: t("description"),
  };
}

export default async function RootLayout({ children }: { children: ReactNode }) {
  // The request's locale (cookie, else Accept-Language: src/i18n/request.ts).
  const [locale, messages] = await Promise.all([getLocale(), getMessages()]);
  return (
    <html lang={locale} suppressHydrationWarning>
      <head>
        {/* biome-ignore lint/security/noDangerouslySetInnerHtml: constant theme boot script, no user input */}
        <script dangerouslySetInnerHTML={{ __html: THEME_BOOT_SCRIPT }} />
      </head>
      <body className="min-h-screen bg-bg text-fg">
        {/* Locale and time zone from the request config; of the messages only the shell's: each page adds its own (ClientMessages). */}
        <NextIntlClientProvider messages={pickMessages(messages, ROOT_CLIENT_NAMESPACES)}>
          <ToastProvider>{children}</ToastProvider>
        </NextIntlClientProvider>
      </body>
    </html>
  );
}
