"use client";

import { useTranslations } from "next-intl";
import { useCallback, useMemo, useState } from "react";
import type { FieldErrors } from "./field-errors";
import { fieldErrorsOf } from "./trpc-errors";
import { useErrorMessage } from "./use-error-message";

export interface FormErrorsState {
  fields: FieldErrors;
  formError: string | null;
  reset: () => void;
  showFieldErrors: (fields: FieldErrors) => void;
  showError: (error: unknown) => void;
}

/** Field and form errors of one form: from zod before sending, from `error.data.fields` after. */
export function useFormErrors(): FormErrorsState {
  const [fields, setFields] = useState<FieldErrors>({});
  const [formError, setFormError] = useState<string | null>(null);
  const errorMessageOf = useErrorMessage();
  const bff = useTranslations("bffErrors");
  const reset = useCallback(() => {
    setFields({});
    setFormError(null);
  }, []);
  const showFieldErrors = useCallback((next: FieldErrors) => {
    setFields(next);
    setFormError(null);
  }, []);
  const showError = useCallback(
    (error: unknown) => {
      const serverFields = fieldErrorsOf(error, bff);
      setFields(serverFields);
      setFormError(errorMessageOf(error));
    },
    [errorMessageOf, bff],
  );
  return useMemo(
    () => ({ fields, formError, reset, showFieldErrors, showError }),
    [fields, formError, reset, showFieldErrors, showError],
  );
}
