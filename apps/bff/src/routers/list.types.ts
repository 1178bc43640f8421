import { z } from "zod";

/** The common list input: 1-based paging, one sort key, a name substring filter. */
export function zListInput<const K extends readonly [string, ...string[]]>(sortKeys: K) {
  return z.object({
    page: z.number().int().min(1).default(1),
    pageSize: z.number().int().min(1).max(100).default(20),
    sort: z.enum(sortKeys).optional(),
    dir: z.enum(["asc", "desc"]).optional(),
    q: z.string().max(255).optional(),
  });
}

export function zPage<T extends z.ZodType>(item: T) {
  return z.object({
    items: z.array(item),
    total: z.number().int(),
    page: z.number().int(),
    pageSize: z.number().int(),
  });
}

export const ZOk = z.object({ ok: z.literal(true) });
export type TOk = z.infer<typeof ZOk>;
export const ZId = z.string().min(1).max(255);
export const ZIdRef = z.object({ id: z.string(), name: z.string() });

/** For procedures that take nothing: still declared, so every procedure validates its input. */
export const ZNoInput = z.void();
