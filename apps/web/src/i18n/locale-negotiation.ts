import Negotiator from "negotiator";
import { DEFAULT_LOCALE, isLocale, type Locale } from "./locales";

// Apart from locales.ts, which the language menu imports in the browser: Negotiator stays on the server.

/** Accept-Language headers longer than this are ignored (bounded input). */
const MAX_ACCEPT_LANGUAGE_LENGTH = 512;

/**
 * The request's locale: the cookie if it names a supported locale, else the
 * first English or Chinese tag of Accept-Language by preference ("zh", "zh-Hans",
 * "zh-SG" → zh-CN; "en-US" → en), else English.
 */
export function resolveLocale(cookieValue: string | undefined, acceptLanguage: string | null): Locale {
  if (isLocale(cookieValue)) return cookieValue;
  if (!acceptLanguage || acceptLanguage.length > MAX_ACCEPT_LANGUAGE_LENGTH) return DEFAULT_LOCALE;
  // Negotiator orders the tags by q-value; the first English or Chinese one wins.
  const requested = new Negotiator({ headers: { "accept-language": acceptLanguage } }).languages();
  for (const tag of requested) {
    const language = tag.split("-")[0]?.toLowerCase();
    if (language === "en") return "en";
    if (language === "zh") return "zh-CN";
  }
  return DEFAULT_LOCALE;
}
