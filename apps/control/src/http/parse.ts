import { describeFieldErrors, fieldErrorsFromIssues, ZenithError } from "@zenith/core/errors";
import type { FastifyInstance } from "fastify";
import { z } from "zod";

/** Parses request input; failures are 400s naming the field, as Keystone words them. */
export function parse<S extends z.ZodType>(schema: S, value: unknown): z.infer<S> {
  const result = schema.safeParse(value);
  if (result.success) return result.data;
  const fields = fieldErrorsFromIssues(result.error.issues);
  throw new ZenithError("BAD_REQUEST", describeFieldErrors(fields), { fields });
}

/**
 * A query flag or boolean filter. OpenStack clients send `True`, `true`, `1`
 * or a bare key (`?nocatalog`), which arrives as "".
 */
export const queryBool = z
  .string()
  .transform((v) => !["false", "0", "no", "off"].includes(v.toLowerCase()))
  .optional();

export const queryString = z.string().optional();

/** Resource names and ids: non-empty, bounded like Keystone's columns. */
export const nameField = z.string().trim().min(1).max(255);
export const idParam = z
  .string()
  .min(1)
  .max(255)
  .refine((v) => !v.includes("\0"), { message: "must not contain NUL characters" });
export const descriptionField = z.string().max(65_535).nullable().optional();
export const tagList = z
  .array(
    z
      .string()
      .min(1)
      .max(255)
      .refine((t) => !t.includes(",") && !t.includes("/"), {
        message: "Tags may not contain ',' or '/'",
      }),
  )
  .max(80);

function hasNul(value: unknown): boolean {
  if (typeof value === "string") return value.includes("\0");
  if (Array.isArray(value)) return value.some(hasNul);
  return false;
}

/**
 * PostgreSQL refuses NUL in text, so a NUL that reached a query would be a
 * 500. No id, name or filter can contain one: refuse them once, here, for
 * every route: in a path parameter the resource cannot exist (404), in the
 * query string the request is malformed (400). JSON bodies are checked by
 * the body parser (error-handler.ts).
 */
export function refuseNulInput(app: FastifyInstance): void {
  app.addHook("preValidation", async (request) => {
    const params = request.params;
    if (params && typeof params === "object" && Object.values(params).some(hasNul)) {
      throw ZenithError.notFound("The resource could not be found.");
    }
    const query = request.query;
    if (query && typeof query === "object") {
      for (const [key, value] of Object.entries(query)) {
        if (hasNul(key) || hasNul(value)) {
          throw ZenithError.badRequest(`Invalid input for query parameter '${key.replaceAll("\0", "")}'.`);
        }
      }
    }
  });
}
