import type { useTranslations } from "next-intl";
import { knownBffMessage } from "./bff-messages";
import { type FieldErrors, toFieldErrors } from "./field-errors";

interface ErrorData {
  code?: unknown;
  httpStatus?: unknown;
  fields?: unknown;
}

function errorData(error: unknown): ErrorData | undefined {
  if (typeof error !== "object" || error === null || !("data" in error)) return undefined;
  const data = error.data;
  return typeof data === "object" && data !== null ? data : undefined;
}

/** The tRPC error code (UNAUTHORIZED, FORBIDDEN, …), when the error came from a procedure. */
export function trpcCodeOf(error: unknown): string | undefined {
  const code = errorData(error)?.code;
  return typeof code === "string" ? code : undefined;
}

/** Field errors the BFF put in `error.data.fields` ([{path, message}]). */
export function fieldErrorsOf(error: unknown): FieldErrors {
  const fields = errorData(error)?.fields;
  if (!Array.isArray(fields)) return {};
  return toFieldErrors(
    fields.filter((f): f is { path: unknown; message: unknown } => typeof f === "object" && f !== null),
  );
}

/** The codes whose message says what to do next (`common.errors.<code>`). */
const HINTED = ["FORBIDDEN", "NOT_FOUND", "CONFLICT", "TOO_MANY_REQUESTS", "UNAUTHORIZED"] as const;
type HintedCode = (typeof HINTED)[number];
const isHinted = (code: string | undefined): code is HintedCode =>
  (HINTED as readonly (string | undefined)[]).includes(code);

export type ErrorsT = ReturnType<typeof useTranslations<"common.errors">>;

/**
 * A message that says what went wrong and what to do next, in the reader's
 * language (the API's own message is shown as it came, but for the BFF's
 * few generic ones, see bff-messages.ts). Components get it
 * bound from `useErrorMessage()`.
 */
export function errorMessageIn(t: ErrorsT, error: unknown): string {
  const code = trpcCodeOf(error);
  const given = error instanceof Error && error.message ? error.message : undefined;
  const known = given === undefined ? undefined : knownBffMessage(t, given);
  const message = known ?? given ?? t("generic");
  if (code === "INTERNAL_SERVER_ERROR") return t("internal", { message });
  if (code === "BAD_REQUEST") return message;
  // A 503 the BFF explained in words the portal does not know: lead in the reader's language.
  if (code === "SERVICE_UNAVAILABLE" && !known && given) return t("unavailableDetail", { message: given });
  if (!isHinted(code)) return message;
  const hint = t(code);
  return given && !given.startsWith("Something") && code !== "UNAUTHORIZED"
    ? t("withHint", { message: given, hint })
    : hint;
}
