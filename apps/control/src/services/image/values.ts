import { describeFieldErrors, fieldErrorsFromIssues, ZenithError } from "@zenith/core/errors";
import type { Image } from "@zenith/db/generated";
import { z } from "zod";
import { CONTAINER_FORMATS, DISK_FORMATS, MAX_TAGS, VISIBILITIES } from "./attributes.ts";

/** Tags as Glance's schema allows them: strings up to 255, at most 128 (duplicates collapse). */
export const tagValue = z.string().min(1).max(255);
export const tagsValue = z
  .array(tagValue)
  .max(MAX_TAGS)
  .transform((tags) => [...new Set(tags)]);

/** Values of every writable core attribute, keyed by its API name. */
export const CORE_VALUES = {
  name: z.string().max(255).nullable(),
  visibility: z.enum(VISIBILITIES),
  protected: z.boolean(),
  min_disk: z
    .int()
    .min(0)
    .max(2 ** 31 - 1),
  min_ram: z
    .int()
    .min(0)
    .max(2 ** 31 - 1),
  tags: tagsValue,
  disk_format: z.enum(DISK_FORMATS).nullable(),
  container_format: z.enum(CONTAINER_FORMATS).nullable(),
  owner: z.string().min(1).max(255).nullable(),
  os_hidden: z.boolean(),
} as const;

export type CoreName = keyof typeof CORE_VALUES;

export function isCoreName(name: string): name is CoreName {
  return Object.hasOwn(CORE_VALUES, name);
}

/** Custom properties are strings (Glance's schema: additionalProperties type string). */
export const propertyName = z.string().min(1).max(255);
export const propertyValue = z.string().max(65_535);

/** Validates one attribute value; a failure is a 400 naming the attribute. */
export function checkValue<S extends z.ZodType>(field: string, schema: S, value: unknown): z.infer<S> {
  const result = schema.safeParse(value);
  if (result.success) return result.data;
  const fields = fieldErrorsFromIssues(result.error.issues.map((i) => ({ ...i, path: [field, ...i.path] })));
  throw ZenithError.badRequest(describeFieldErrors(fields), fields);
}

const storedProperties = z.record(z.string(), z.string());

/** The custom properties column, read defensively: it is JSON in the database. */
export function propertiesOf(image: Image): Record<string, string> {
  const parsed = storedProperties.safeParse(image.properties);
  return parsed.success ? parsed.data : {};
}
