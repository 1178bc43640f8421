import { z } from "zod";

export interface Link {
  rel: string;
  href: string;
}

/**
 * Nova's links. The catalog endpoint is `<publicUrl>/compute/v2.1`;
 * `self` links are versioned, `bookmark` links are not, as upstream.
 */
export class ComputeLinks {
  constructor(private readonly publicUrl: () => string) {}

  get root(): string {
    return `${this.publicUrl()}/compute`;
  }

  get versioned(): string {
    return `${this.root}/v2.1`;
  }

  resource(collection: string, id: string): Link[] {
    const path = `${collection}/${encodeURIComponent(id)}`;
    return [
      { rel: "self", href: `${this.versioned}/${path}` },
      { rel: "bookmark", href: `${this.root}/${path}` },
    ];
  }

  /**
   * `<collection>_links` with a `next` link when the page is full (Nova's
   * `_get_collection_links`): the request's own query with `marker` and
   * `limit` replaced, so filters carry over.
   */
  nextPage(
    path: string,
    query: unknown,
    page: { count: number; limit: number; marker: string | null | undefined },
  ): Link[] | undefined {
    if (page.count === 0 || page.count < page.limit || !page.marker) return undefined;
    const params = new URLSearchParams();
    if (query && typeof query === "object") {
      for (const [key, value] of Object.entries(query)) {
        if (key === "marker" || key === "limit") continue;
        for (const v of Array.isArray(value) ? value : [value])
          if (typeof v === "string") params.append(key, v);
      }
    }
    params.set("limit", String(page.limit));
    params.set("marker", page.marker);
    return [{ rel: "next", href: `${this.versioned}/${path}?${params.toString()}` }];
  }
}

/** Nova's timestamps: naive UTC with microseconds ("2012-10-29T13:42:02.000000"). */
export function novaTime(date: Date): string;
export function novaTime(date: Date | null): string | null;
export function novaTime(date: Date | null): string | null {
  if (!date) return null;
  return `${date.toISOString().slice(0, 23)}000`;
}

/** Nova pages at most `osapi_max_limit` (1000) items. */
export const MAX_LIMIT = 1000;

/** Repeated query parameters arrive as arrays; like webob's `params[k]`, the last one wins. */
export const queryParam = z.preprocess((v) => (Array.isArray(v) ? v.at(-1) : v), z.string().optional());

/** `limit` / `marker` as Nova's `get_limit_and_marker`: a non-negative integer, capped at 1000. */
export const pagingQuery = {
  limit: z.preprocess(
    (v) => (Array.isArray(v) ? v.at(-1) : v),
    z
      .string()
      .regex(/^[0-9]+$/, "limit param must be a non-negative integer")
      .transform((v) => Math.min(Number(v), MAX_LIMIT))
      .optional(),
  ),
  marker: queryParam,
};

/** Nova's `parameter_types.boolean`: JSON booleans or oslo's boolean strings. */
export const novaBool = z.union([
  z.boolean(),
  z
    .string()
    .transform((v) => v.toLowerCase())
    .pipe(z.enum(["true", "false", "1", "0", "on", "off", "yes", "no", "y", "n", "t", "f"]))
    .transform((v) => ["true", "1", "on", "yes", "y", "t"].includes(v)),
]);

/** Nova's integer parameters accept JSON integers or digit strings ("512"). */
export function novaInt(min: number, max = 2_147_483_647) {
  return z
    .union([
      z.int(),
      z
        .string()
        .regex(/^-?[0-9]+$/, "must be an integer")
        .transform(Number),
    ])
    .pipe(z.int().min(min).max(max));
}
