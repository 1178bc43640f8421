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

const HINTS: Record<string, string> = {
  FORBIDDEN: "You do not have permission for this. Ask an administrator for the role it needs.",
  NOT_FOUND: "It no longer exists. Refresh the list.",
  CONFLICT: "Something with that name already exists, or it changed meanwhile. Pick another name or refresh.",
  TOO_MANY_REQUESTS: "Too many requests. Wait a moment, then try again.",
  UNAUTHORIZED: "Your session has expired. Please log in again.",
};

/** A message that says what went wrong and what to do next. */
export function errorMessageOf(error: unknown): string {
  const code = trpcCodeOf(error);
  const message = error instanceof Error && error.message ? error.message : "Something went wrong.";
  if (code === "INTERNAL_SERVER_ERROR")
    return `${message} Try again; if it persists, check the service logs.`;
  if (code === "BAD_REQUEST") return message;
  const hint = code ? HINTS[code] : undefined;
  if (!hint) return message;
  return message && !message.startsWith("Something") && code !== "UNAUTHORIZED" ? `${message} ${hint}` : hint;
}
