import { z } from "zod";
import { MAX_QUOTA } from "../../services/volume/limits.ts";

/** oslo's `bool_from_string(strict=True)`, as Cinder parses booleans in bodies and queries. */
const TRUE = ["true", "1", "on", "yes", "y", "t"];
const FALSE = ["false", "0", "off", "no", "n", "f"];
export const cinderBool = z.union([
  z.boolean(),
  z
    .string()
    .transform((v) => v.trim().toLowerCase())
    .refine((v) => TRUE.includes(v) || FALSE.includes(v), {
      message: `Accepted values: ${[...TRUE, ...FALSE].join(", ")}`,
    })
    .transform((v) => TRUE.includes(v)),
]);

/** A query parameter sent once (the last wins when repeated, as webob's `params.get`). */
export const queryParam = z.preprocess(
  (v) => (Array.isArray(v) ? v.at(-1) : v),
  z.string().max(4096).optional(),
);

/** A quota limit: an integer from -1 (unlimited), as a number or a numeric string (Cinder's `validate_integer`). */
export const quotaLimit = z.union([
  z.int().min(-1).max(MAX_QUOTA),
  z
    .string()
    .regex(/^-?[0-9]{1,10}$/, "must be an integer")
    .transform(Number)
    .pipe(z.int().min(-1).max(MAX_QUOTA)),
]);
