"use server";

import { cookies } from "next/headers";
import { z } from "zod";
import { LOCALE_COOKIE, LOCALE_COOKIE_MAX_AGE_SECONDS, LOCALES } from "./locales";

const localeSchema = z.enum(LOCALES);

/**
 * The user menu's language choice, kept in a cookie for a year. Setting a
 * cookie in a server action makes Next.js render the current route again,
 * so the page (and <html lang>) comes back in the new language at the same URL.
 */
export async function setLocaleAction(locale: unknown): Promise<void> {
  const parsed = localeSchema.parse(locale);
  (await cookies()).set(LOCALE_COOKIE, parsed, {
    path: "/",
    sameSite: "lax",
    maxAge: LOCALE_COOKIE_MAX_AGE_SECONDS,
  });
}
