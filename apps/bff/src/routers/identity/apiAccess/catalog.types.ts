import { z } from "zod";

export { ZNoInput as ZCatalogRequestSchema } from "../../list.types.ts";

export const ZCatalogResponseSchema = z.object({
  /** The public identity URL, with its version: OS_AUTH_URL. */
  authUrl: z.string(),
  /** The first region of the catalog ("" when it names none). */
  region: z.string(),
  interface: z.literal("public"),
  endpoints: z
    .array(
      z.object({
        serviceName: z.string(),
        serviceType: z.string(),
        interface: z.string(),
        region: z.string(),
        url: z.string(),
      }),
    )
    // A catalog has a few dozen endpoints; the bound keeps a broken one from flooding the page.
    .max(1000),
});
export type TCatalogResponse = z.infer<typeof ZCatalogResponseSchema>;
