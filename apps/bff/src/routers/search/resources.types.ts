import { z } from "zod";
import { SEARCH_KINDS } from "../../services/search/kinds.ts";

export const ZSearchKind = z.enum(SEARCH_KINDS);
export type TSearchKind = z.infer<typeof ZSearchKind>;

export const ZSearchResourcesRequestSchema = z.object({
  /** A name (or part of it), an address, or a whole id; pattern characters are literal. */
  query: z.string().max(255),
  /** Only these kinds; all of them when absent. */
  kinds: z.array(ZSearchKind).min(1).max(SEARCH_KINDS.length).optional(),
  /** Hits per kind. */
  limit: z.number().int().min(1).max(50).default(8),
});
export type TSearchResourcesRequest = z.infer<typeof ZSearchResourcesRequestSchema>;

export const ZSearchHitSchema = z.object({
  id: z.string(),
  name: z.string(),
  status: z.string().nullable(),
  detail: z.string().nullable(),
});
export type TSearchHit = z.infer<typeof ZSearchHitSchema>;

export const ZSearchGroupSchema = z.discriminatedUnion("state", [
  z.object({ kind: ZSearchKind, state: z.literal("ok"), items: z.array(ZSearchHitSchema) }),
  z.object({ kind: ZSearchKind, state: z.literal("unavailable"), items: z.tuple([]) }),
  z.object({ kind: ZSearchKind, state: z.literal("error"), items: z.tuple([]), message: z.string() }),
]);
export type TSearchGroup = z.infer<typeof ZSearchGroupSchema>;

export const ZSearchResourcesResponseSchema = z.object({ groups: z.array(ZSearchGroupSchema) });
export type TSearchResourcesResponse = z.infer<typeof ZSearchResourcesResponseSchema>;
