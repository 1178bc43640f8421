import { z } from "zod";
import { ZId } from "../../list.types.ts";
import { ZNetworkOptionsSchema } from "../networkOptions.types.ts";

export const ZInterfaceOptionsRequestSchema = z.object({ id: ZId });
export type TInterfaceOptionsRequest = z.infer<typeof ZInterfaceOptionsRequestSchema>;

/** What the Interfaces tab's dialogs offer, in the instance's project. */
export const ZInterfaceOptionsResponseSchema = ZNetworkOptionsSchema.extend({
  freeFloatingIps: z.array(z.object({ id: z.string(), address: z.string(), networkId: z.string() })),
  /** External networks to allocate a new floating IP from. */
  pools: z.array(z.object({ id: z.string(), name: z.string() })),
});
export type TInterfaceOptionsResponse = z.infer<typeof ZInterfaceOptionsResponseSchema>;
