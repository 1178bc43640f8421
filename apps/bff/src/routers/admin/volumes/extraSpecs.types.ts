import { z } from "zod";
import { ZId } from "../../list.types.ts";

/** Upstream's limits: keys and values up to 255 characters; a bounded count. */
export const ZExtraSpecs = z
  .record(z.string().trim().min(1).max(255), z.string().max(255))
  .refine((r) => Object.keys(r).length <= 100, "At most 100 extra specs.");
/** Replaces the type's extra specs with `specs`. */
export const ZSetExtraSpecsRequest = z.object({ id: ZId, specs: ZExtraSpecs });
export const ZSetExtraSpecsResponse = z.record(z.string(), z.string());
