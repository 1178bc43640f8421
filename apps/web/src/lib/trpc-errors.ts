import type { useTranslations } from "next-intl";
// zod/mini, as bff-messages.ts: every page loads these (useErrorMessage), most pages no form schema.
import * as z from "zod/mini";
import { type BffT, bffMessageIn, type KeyedMessage, messageParamsSchema } from "./bff-messages";
import { type FieldErrors, toFieldErrors } from "./field-errors";

/**
 * `error.data` as the BFF's errorFormatter sends it (apps/bff/src/trpc.ts),
 * each part parsed on its own so one malformed part does not hide the others.
 */
const codeSchema = z.object({ code: z.string() });
const keyedSchema = z.object({ messageKey: z.string(), messageParams: z.optional(messageParamsSchema) });
const fieldSchema = z.object({
  path: z.unknown(),
  message: z.unknown(),
  key: z.optional(z.string()),
  params: z.optional(messageParamsSchema),
});
const fieldsSchema = z.object({ fields: z.array(z.unknown()) });

function errorData(error: unknown): unknown {
  if (typeof error !== "object" || error === null || !("data" in error)) return undefined;
  return error.data;
}

/** The tRPC error code (UNAUTHORIZED, FORBIDDEN, …), when the error came from a procedure. */
export function trpcCodeOf(error: unknown): string | undefined {
  const parsed = codeSchema.safeParse(errorData(error));
  return parsed.success ? parsed.data.code : undefined;
}

/** The key and params of a message the BFF wrote, when it sent them. */
export function messageKeyOf(error: unknown): KeyedMessage | undefined {
  const parsed = keyedSchema.safeParse(errorData(error));
  if (!parsed.success) return undefined;
  return { key: parsed.data.messageKey, params: parsed.data.messageParams ?? {} };
}

/**
 * Field errors the BFF put in `error.data.fields` ([{path, message, key?, params?}]),
 * each in the reader's language when `t` knows its key, else as the BFF wrote it.
 */
export function fieldErrorsOf(error: unknown, t?: BffT): FieldErrors {
  const parsed = fieldsSchema.safeParse(errorData(error));
  if (!parsed.success) return {};
  const fields = parsed.data.fields.flatMap((raw) => {
    const field = fieldSchema.safeParse(raw);
    if (!field.success) return [];
    const { path, message, key, params } = field.data;
    const translated = key === undefined ? undefined : bffMessageIn(t, { key, params: params ?? {} });
    return [{ path, message: translated ?? message }];
  });
  return toFieldErrors(fields);
}

/** The codes whose message says what to do next (`common.errors.<code>`). */
const HINTED = ["FORBIDDEN", "NOT_FOUND", "CONFLICT", "TOO_MANY_REQUESTS", "UNAUTHORIZED"] as const;
type HintedCode = (typeof HINTED)[number];
const isHinted = (code: string | undefined): code is HintedCode =>
  (HINTED as readonly (string | undefined)[]).includes(code);

export type ErrorsT = ReturnType<typeof useTranslations<"common.errors">>;

export interface ErrorMessageOptions {
  /** Only the message itself (by key in the reader's language, else as it came), no hint: for callers that add their own. */
  bare?: boolean;
}

/** `useErrorMessage()`'s function: `messageOf(error)`, or `messageOf(error, { bare: true })`. */
export type ErrorMessageOf = (error: unknown, opts?: ErrorMessageOptions) => string;

/**
 * A message that says what went wrong and what to do next, in the reader's
 * language: the BFF's own messages by their key (`bff`, see bff-messages.ts),
 * a cloud's own words as they came. Components get it bound from `useErrorMessage()`.
 */
export function errorMessageIn(
  t: ErrorsT,
  error: unknown,
  bff?: BffT,
  opts: ErrorMessageOptions = {},
): string {
  const code = trpcCodeOf(error);
  const given = error instanceof Error && error.message ? error.message : undefined;
  const known = bffMessageIn(bff, messageKeyOf(error));
  const message = known ?? given ?? t("generic");
  if (opts.bare) return message;
  if (code === "INTERNAL_SERVER_ERROR") return t("internal", { message });
  if (code === "BAD_REQUEST") return message;
  // A 503 the BFF explained in words the portal does not know: lead in the reader's language.
  if (code === "SERVICE_UNAVAILABLE" && !known && given) return t("unavailableDetail", { message: given });
  if (!isHinted(code)) return message;
  const hint = t(code);
  return given && !given.startsWith("Something") && code !== "UNAUTHORIZED"
    ? t("withHint", { message, hint })
    : hint;
}
