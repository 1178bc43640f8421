import { setSecurityGroups } from "../../../services/compute/interfaces.ts";
import { announceNetworkChange } from "../../../services/network/changes.ts";
import { projectProcedure } from "../../../trpc.ts";
import {
  ZSetSecurityGroupsRequestSchema,
  ZSetSecurityGroupsResponseSchema,
} from "./setSecurityGroups.types.ts";

export const setSecurityGroupsRoute = projectProcedure
  .input(ZSetSecurityGroupsRequestSchema)
  .output(ZSetSecurityGroupsResponseSchema)
  .mutation(async ({ ctx, input }) => {
    const { projectId } = await setSecurityGroups(ctx.cloud, input);
    announceNetworkChange(projectId);
    return { ok: true as const };
  });
