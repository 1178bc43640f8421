import { addFloatingIp } from "../../../services/compute/floating-ips.ts";
import { announceNetworkChange } from "../../../services/network/changes.ts";
import { projectProcedure } from "../../../trpc.ts";
import { ZAddFloatingIpRequestSchema, ZAddFloatingIpResponseSchema } from "./addFloatingIp.types.ts";

export const addFloatingIpRoute = projectProcedure
  .input(ZAddFloatingIpRequestSchema)
  .output(ZAddFloatingIpResponseSchema)
  .mutation(async ({ ctx, input }) => {
    const { projectId, floatingIp } = await addFloatingIp(ctx.cloud, ctx.project.id, input);
    announceNetworkChange(projectId);
    return { floatingIp };
  });
