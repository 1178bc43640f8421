import type { Metadata } from "next";
import { NextIntlClientProvider } from "next-intl";
import { getLocale, getTranslations } from "next-intl/server";
import type { ReactNode } from "react";
import { ToastProvider } from "@/components/toast/toast-provider";
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
  const locale = await getLocale();
  return (
    <html lang={locale} suppressHydrationWarning>
      <head>
        {/* biome-ignore lint/security/noDangerouslySetInnerHtml: constant theme boot script, no user input */}
        <script dangerouslySetInnerHTML={{ __html: THEME_BOOT_SCRIPT }} />
      </head>
      <body className="min-h-screen bg-bg text-fg">
        {/* Inherits locale, messages and time zone from the request config, for client components. */}
        <NextIntlClientProvider>
          <ToastProvider>{children}</ToastProvider>
        </NextIntlClientProvider>
      </body>
    </html>
  );
}
