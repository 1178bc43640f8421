import type { z } from "zod";

/** Field path → first message, as shown under each form field. */
export type FieldErrors = Record<string, string>;

interface FieldIssue {
  path: unknown;
  message: unknown;
}

function pathKey(path: unknown): string {
  if (Array.isArray(path)) return path.map(String).join(".");
  return String(path ?? "");
}

export function toFieldErrors(issues: readonly FieldIssue[]): FieldErrors {
  const errors: FieldErrors = {};
  for (const issue of issues) {
    const key = pathKey(issue.path);
    if (!(key in errors) && typeof issue.message === "string") errors[key] = issue.message;
  }
  return errors;
}

export type FormValidation<T> = { ok: true; data: T } | { ok: false; fields: FieldErrors };

/** Validates form values with the form's zod schema before anything is sent. */
export function validateForm<S extends z.ZodType>(schema: S, values: unknown): FormValidation<z.infer<S>> {
  const result = schema.safeParse(values);
  if (result.success) return { ok: true, data: result.data };
  return { ok: false, fields: toFieldErrors(result.error.issues) };
}

/** Reads a FormData into a plain object of strings (checkboxes become "on"). */
export function formValues(form: HTMLFormElement): Record<string, string> {
  const values: Record<string, string> = {};
  for (const [key, value] of new FormData(form).entries()) {
    if (typeof value === "string") values[key] = value;
  }
  return values;
}
