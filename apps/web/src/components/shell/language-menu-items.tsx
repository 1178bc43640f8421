"use client";

import * as DropdownMenu from "@radix-ui/react-dropdown-menu";
import { Check, Languages } from "lucide-react";
import { useRouter } from "next/navigation";
import { useLocale, useTranslations } from "next-intl";
import { useTransition } from "react";
import { useToast } from "@/components/toast/toast-provider";
import { MenuItem } from "@/components/ui/menu";
import { setLocaleAction } from "@/i18n/locale-actions";
import { LOCALE_NAMES, LOCALES, type Locale } from "@/i18n/locales";

/**
 * The user menu's language choice: one menu item per language, named in its
 * own language. Choosing one stores it in a cookie and renders the current
 * page again on the server, at the same URL (its list state stays).
 */
export function LanguageMenuItems() {
  const t = useTranslations("shell.language");
  const current = useLocale();
  const router = useRouter();
  const toast = useToast();
  const [pending, startTransition] = useTransition();

  const choose = (locale: Locale) => {
    if (locale === current) return;
    startTransition(async () => {
      try {
        await setLocaleAction(locale);
        router.refresh();
      } catch {
        toast.show(t("failed"), "error");
      }
    });
  };

  return (
    <DropdownMenu.Group aria-label={t("group")} aria-busy={pending || undefined}>
      {LOCALES.map((locale) => (
        <MenuItem
          key={locale}
          lang={locale}
          aria-current={locale === current ? "true" : undefined}
          onSelect={() => choose(locale)}
        >
          {locale === current ? <Check size={16} aria-hidden /> : <Languages size={16} aria-hidden />}
          {LOCALE_NAMES[locale]}
        </MenuItem>
      ))}
    </DropdownMenu.Group>
  );
}
