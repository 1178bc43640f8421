import type { z } from "zod";
import { describeFieldErrors, fieldErrorsFromIssues } from "./errors.ts";

/**
 * Parses the environment once with a zod schema. Each package declares its
 * own schema and calls this at start; nothing else reads `process.env`.
 */
export function parseEnv<S extends z.ZodType>(
  schema: S,
  source: Record<string, string | undefined> = process.env,
): z.infer<S> {
  const result = schema.safeParse(source);
  if (!result.success) {
    const message = describeFieldErrors(fieldErrorsFromIssues(result.error.issues));
    throw new Error(`Invalid environment: ${message}`);
  }
  return result.data;
}
