import type { AppMessages } from "./catalog";
import type { Locale } from "./locales";

// Types every translation key from the English message files: `tsc` fails on
// a key that does not exist, and on a missing ICU argument.
declare module "next-intl" {
  interface AppConfig {
    Locale: Locale;
    Messages: AppMessages;
  }
}
