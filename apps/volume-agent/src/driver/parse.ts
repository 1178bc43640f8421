import type { z } from "zod";
import { VolumeDriverError } from "./errors.ts";

/** Validates a driver argument; `InvalidRequest` naming the fields otherwise. */
export function parseArg<S extends z.ZodType>(schema: S, value: unknown, what: string): z.output<S> {
  const parsed = schema.safeParse(value);
  if (!parsed.success) {
    const fields = parsed.error.issues.map((i) => `${i.path.join(".") || what}: ${i.message}`);
    throw new VolumeDriverError("InvalidRequest", `invalid ${what}: ${fields.join("; ")}`);
  }
  return parsed.data;
}
