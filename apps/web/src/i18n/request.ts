import { cookies, headers } from "next/headers";
import { getRequestConfig } from "next-intl/server";
import { messagesFor } from "./catalog";
import { resolveLocale } from "./locale-negotiation";
import { LOCALE_COOKIE, TIME_ZONE } from "./locales";

/**
 * next-intl's per-request configuration: the locale from the user menu's
 * cookie, else the browser's Accept-Language, so server components render
 * in the reader's language on the first response (no locale in the URL).
 */
export default getRequestConfig(async () => {
  const [cookieStore, headerList] = await Promise.all([cookies(), headers()]);
  const locale = resolveLocale(cookieStore.get(LOCALE_COOKIE)?.value, headerList.get("accept-language"));
  return { locale, messages: messagesFor(locale), timeZone: TIME_ZONE };
});
