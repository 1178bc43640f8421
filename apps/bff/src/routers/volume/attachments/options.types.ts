import { z } from "zod";

export { ZNoInput as ZAttachOptionsRequest } from "../../list.types.ts";
export const ZAttachOptionsResponse = z.object({
  /** Available volumes of the project. */
  volumes: z.array(z.object({ id: z.string(), name: z.string(), size: z.number() })),
});
