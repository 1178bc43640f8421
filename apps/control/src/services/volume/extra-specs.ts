import { z } from "zod";

/** Stored extra specs: a flat string map (the JSON column is only ever written through the services). */
const ZStoredSpecs = z.record(z.string(), z.string());

export type ExtraSpecs = Record<string, string>;

export function readSpecs(value: unknown): ExtraSpecs {
  const parsed = ZStoredSpecs.safeParse(value);
  return parsed.success ? parsed.data : {};
}

/**
 * Extra specs every project may read (cinder/policies/type_extra_specs.py
 * USER_VISIBLE_EXTRA_SPECS); the others describe the backend and only
 * admins see them ("read_sensitive").
 */
export const USER_VISIBLE_SPECS: ReadonlySet<string> = new Set([
  "RESKEY:availability_zones",
  "multiattach",
  "sharing",
  "replication_enabled",
]);

export function visibleSpecs(specs: ExtraSpecs, isAdmin: boolean): ExtraSpecs {
  if (isAdmin) return specs;
  return Object.fromEntries(Object.entries(specs).filter(([key]) => USER_VISIBLE_SPECS.has(key)));
}
