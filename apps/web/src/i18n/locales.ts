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
