import { useTranslations } from "next-intl";
import { useCallback } from "react";
import { type ErrorMessageOf, errorMessageIn } from "./trpc-errors";

/** The error message in the reader's language (`errorMessageIn`): `const messageOf = useErrorMessage(); messageOf(error)`. */
export function useErrorMessage(): ErrorMessageOf {
  const t = useTranslations("common.errors");
  const bff = useTranslations("bffErrors");
  return useCallback<ErrorMessageOf>((error, opts) => errorMessageIn(t, error, bff, opts), [t, bff]);
}
