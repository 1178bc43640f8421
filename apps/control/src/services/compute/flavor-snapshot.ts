import { z } from "zod";

/**
 * The copy of a flavor kept on each instance (`Instance.flavor`), as Nova
 * embeds it: the instance keeps its size even if the flavor is deleted.
 */
export const ZFlavorSnapshot = z.object({
  id: z.string(),
  name: z.string(),
  vcpus: z.int(),
  ram: z.int(),
  disk: z.int(),
  ephemeral: z.int(),
  swap: z.int(),
  extra_specs: z.record(z.string(), z.string()),
});
export type FlavorSnapshot = z.infer<typeof ZFlavorSnapshot>;

export function parseFlavorSnapshot(value: unknown): FlavorSnapshot {
  return ZFlavorSnapshot.parse(value);
}
