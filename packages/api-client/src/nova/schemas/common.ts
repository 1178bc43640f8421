import { z } from "zod";

/**
 * Shared pieces of Nova response shapes. Objects strip unknown keys (Nova
 * adds fields with every microversion); fields that appear only at some
 * microversions or only for admins are optional.
 */

export const ZLink = z.object({ href: z.string(), rel: z.string() });
export const ZLinks = z.array(ZLink);

/** The `rel: "next"` link of a paged collection, if any. */
export function nextLink(links: z.infer<typeof ZLinks> | undefined): string | undefined {
  return links?.find((l) => l.rel === "next")?.href;
}

/** `marker` of a Nova `next` link (`…?limit=1&marker=<id>`). */
export function markerOf(href: string | undefined): string | undefined {
  if (!href) return undefined;
  try {
    return new URL(href, "http://placeholder").searchParams.get("marker") ?? undefined;
  } catch {
    return undefined;
  }
}

export const ZStringMap = z.record(z.string(), z.string());
