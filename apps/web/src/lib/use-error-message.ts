import { useTranslations } from "next-intl";
import { useCallback } from "react";
import { errorMessageIn } from "./trpc-errors";

/** The error message in the reader's language (`errorMessageIn`): `const messageOf = useErrorMessage(); messageOf(error)`. */
export function useErrorMessage(): (error: unknown) => string {
  const t = useTranslations("common.errors");
  const bff = useTranslations("bffErrors");
  return useCallback((error: unknown) => errorMessageIn(t, error, bff), [t, bff]);
}
