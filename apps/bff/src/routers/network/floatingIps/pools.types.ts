import { z } from "zod";
import { ZNoInput } from "../../list.types.ts";

export const ZPoolsRequest = ZNoInput;
export const ZPoolsResponse = z.array(
  z.object({ id: z.string(), name: z.string(), cidrs: z.array(z.string()) }),
);
export type TPoolsResponse = z.infer<typeof ZPoolsResponse>;
