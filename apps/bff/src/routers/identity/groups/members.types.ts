import { z } from "zod";
import { ZId, ZIdRef } from "../../list.types.ts";

export const ZGroupMembersRequestSchema = z.object({ groupId: ZId });
export type TGroupMembersRequest = z.infer<typeof ZGroupMembersRequestSchema>;
export const ZGroupMembersResponseSchema = z.array(ZIdRef);
export type TGroupMembersResponse = z.infer<typeof ZGroupMembersResponseSchema>;
