import type { useTranslations } from "next-intl";
// zod/mini: these schemas parse every error a page shows, so they load with the shell; full zod stays with the forms.
import * as z from "zod/mini";

/**
 * The BFF writes its own messages in English (the API and its logs stay one
 * language) and sends each one's key and params beside it in `error.data`
 * (`messageKey`/`messageParams`, and `key`/`params` on a field error). The
 * portal says the key in the reader's language from `messages/<locale>/bffErrors.json`;
 * in English each reads exactly as the BFF wrote it (bff-messages.test.ts
 * builds them with the BFF's own code). A key the portal does not know (a
 * newer BFF) or no key at all (a cloud's own words) leaves the English as it came.
 */

export type BffT = ReturnType<typeof useTranslations<"bffErrors">>;
type BffKey = Parameters<BffT>[0];

/** Params are plain values: names, numbers, addresses. */
export const messageParamsSchema = z.record(z.string(), z.union([z.string(), z.number()]));

export interface KeyedMessage {
  key: string;
  params: z.infer<typeof messageParamsSchema>;
}

/** The reader's words for a keyed BFF message, or undefined when the portal does not know the key. */
export function bffMessageIn(t: BffT | undefined, keyed: KeyedMessage | undefined): string | undefined {
  if (!t || !keyed) return undefined;
  const key = keyed.key as BffKey;
  if (!t.has(key)) return undefined;
  // The key's params are checked by the catalogue test, not by the type of a key that came over the wire.
  return t(key, keyed.params as never);
}
