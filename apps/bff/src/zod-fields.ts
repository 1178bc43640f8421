import { type FieldError, fieldError } from "@zenith/core/errors";
import type { z } from "zod";
import { say } from "./messages.ts";

type Issue = z.core.$ZodIssue;

const pathOf = (issue: Issue) => issue.path.map((p) => String(p)).join(".");
/** Bounds come as numbers or bigints; a date's as a number too. */
const count = (value: number | bigint) => Number(value);
/** At most this many unknown field names are listed. */
const MAX_KEYS_LISTED = 10;

/**
 * The BFF's own words for a zod issue on an input (keyed, so the portal says
 * it in the reader's language); an issue kind without one keeps zod's text.
 */
function keyedIssue(issue: Issue): FieldError {
  const path = pathOf(issue);
  switch (issue.code) {
    case "too_small": {
      const minimum = count(issue.minimum);
      if (issue.origin === "string") return fieldError(path, say("field.tooShort", { minimum }));
      if (issue.origin === "array" || issue.origin === "set")
        return fieldError(path, say("field.tooFew", { minimum }));
      if (issue.origin === "number" || issue.origin === "int" || issue.origin === "bigint")
        return fieldError(
          path,
          issue.inclusive === false ? say("field.notAbove", { minimum }) : say("field.tooSmall", { minimum }),
        );
      break;
    }
    case "too_big": {
      const maximum = count(issue.maximum);
      if (issue.origin === "string") return fieldError(path, say("field.tooLong", { maximum }));
      if (issue.origin === "array" || issue.origin === "set")
        return fieldError(path, say("field.tooMany", { maximum }));
      if (issue.origin === "number" || issue.origin === "int" || issue.origin === "bigint")
        return fieldError(
          path,
          issue.inclusive === false ? say("field.notBelow", { maximum }) : say("field.tooLarge", { maximum }),
        );
      break;
    }
    case "invalid_type":
      // zod drops the input from its issues; its own text (zod 4.6) says a field was missing.
      if (issue.message.endsWith("received undefined")) return fieldError(path, say("field.required"));
      if (issue.expected === "int") return fieldError(path, say("field.notInteger"));
      return fieldError(path, say("field.wrongType"));
    case "invalid_format":
      // The format's own name (uuid, email, ipv4, regex…) is a technical word, as in the API.
      return fieldError(path, say("field.invalidFormat", { format: issue.format }));
    case "invalid_value":
      return fieldError(path, say("field.notAllowed"));
    case "unrecognized_keys":
      return fieldError(
        path,
        say("field.unknownKeys", { keys: issue.keys.slice(0, MAX_KEYS_LISTED).join(", ") }),
      );
    default:
      break;
  }
  return { path, message: issue.message };
}

/** Field errors of a tRPC input that failed its schema, named by path and keyed where the BFF words them. */
export function keyedFieldErrors(issues: readonly Issue[]): FieldError[] {
  return issues.map(keyedIssue);
}
