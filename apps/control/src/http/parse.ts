import { describeFieldErrors, fieldErrorsFromIssues, ZenithError } from "@zenith/core/errors";
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
export const idParam = z.string().min(1).max(255);
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
