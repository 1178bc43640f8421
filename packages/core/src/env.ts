import { z } from "zod";
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

/** Shortest secret (key or shared token) accepted from the environment: 32 bytes, as generated ones are. */
export const MIN_SECRET_BYTES = 32;

/**
 * A secret given through the environment (AUTH_SECRET, ZENITH_AGENT_TOKEN…).
 * A short one is refused at start with a message naming the variable: a
 * guessable key would let anyone forge sessions or pose as a compute host.
 */
export function secretEnv(name: string) {
  return z.string().refine((v) => Buffer.byteLength(v, "utf8") >= MIN_SECRET_BYTES, {
    message: `${name} must be at least ${MIN_SECRET_BYTES} bytes (generate one with: openssl rand -base64 32)`,
  });
}
