import { z } from "zod";

export const ZRoleSchema = z.object({ id: z.string(), name: z.string(), description: z.string() });
export type TRole = z.infer<typeof ZRoleSchema>;
