/**
 * The source files whose user-facing strings all go through next-intl, as
 * globs relative to apps/web: all of `src/`. The key-check test scans them
 * for literals left untranslated (untranslated-scan.ts). A literal that must
 * stay (a shell command shown as is) carries `i18n-ignore` and its reason on
 * its line or the line before (docs/i18n.md).
 */
export const CONVERTED_AREAS: readonly string[] = ["src/**/*.{ts,tsx}"];

/** Never scanned: tests hold English fixtures on purpose. */
export const SCAN_IGNORE: readonly string[] = ["**/*.test.ts", "**/*.test.tsx"];
