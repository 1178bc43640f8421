import { z } from "zod";
import { ZVolumeQuota } from "../quota.types.ts";

export { ZNoInput as ZCreateOptionsRequest } from "../../list.types.ts";

const ZSized = z.object({ id: z.string(), name: z.string(), size: z.number() });
export const ZCreateOptionsResponse = z.object({
  types: z.array(z.object({ id: z.string(), name: z.string(), description: z.string() })),
  zones: z.array(z.string()),
  images: z.array(z.object({ id: z.string(), name: z.string(), minSize: z.number() })),
  snapshots: z.array(ZSized),
  volumes: z.array(ZSized),
  quota: ZVolumeQuota,
});
export type TCreateOptionsResponse = z.infer<typeof ZCreateOptionsResponse>;
