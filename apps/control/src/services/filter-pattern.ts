import { ZenithError } from "@zenith/core/errors";

/** Longest caller-supplied pattern (regex or LIKE filter) handed to the database. */
export const MAX_FILTER_PATTERN = 255;

/**
 * Bounds the work one list filter can ask of the database: a caller's
 * pattern is at most MAX_FILTER_PATTERN characters, and a regular
 * expression may not use back-references (the one construct that makes
 * PostgreSQL's matcher backtrack exponentially). The statement timeout
 * (packages/db) is the backstop for anything else.
 */
export function checkFilterPattern(pattern: string, param: string, kind: "regex" | "like"): void {
  if (pattern.length > MAX_FILTER_PATTERN) {
    throw ZenithError.badRequest(
      `Invalid input for query parameter '${param}': at most ${MAX_FILTER_PATTERN} characters.`,
    );
  }
  if (kind === "regex" && /\\[1-9]/.test(pattern)) {
    throw ZenithError.badRequest(
      `Invalid input for query parameter '${param}': back-references are not supported.`,
    );
  }
}
