import Negotiator from "negotiator";

/** The portal's languages. The locale never appears in URLs: they stay shareable. */
export const LOCALES = ["en", "zh-CN"] as const;
export type Locale = (typeof LOCALES)[number];
export const DEFAULT_LOCALE: Locale = "en";

/** Set by the user menu's language choice; wins over the browser's Accept-Language. */
export const LOCALE_COOKIE = "zenith-locale";
export const LOCALE_COOKIE_MAX_AGE_SECONDS = 365 * 24 * 60 * 60;

/**
 * Times are shown in one zone on server and client alike, so the server's
 * first render and the browser's hydration print the same text.
 */
export const TIME_ZONE = "UTC";

/** Each language's own name, as the language menu shows it. */
export const LOCALE_NAMES: Record<Locale, string> = { en: "English", "zh-CN": "简体中文" };

export function isLocale(value: unknown): value is Locale {
  return typeof value === "string" && (LOCALES as readonly string[]).includes(value);
}

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
