import { removeFloatingIp } from "../../../services/compute/floating-ips.ts";
import { announceNetworkChange } from "../../../services/network/changes.ts";
import { projectProcedure } from "../../../trpc.ts";
import { ZRemoveFloatingIpRequestSchema, ZRemoveFloatingIpResponseSchema } from "./removeFloatingIp.types.ts";

export const removeFloatingIpRoute = projectProcedure
  .input(ZRemoveFloatingIpRequestSchema)
  .output(ZRemoveFloatingIpResponseSchema)
  .mutation(async ({ ctx, input }) => {
    const { projectId } = await removeFloatingIp(ctx.cloud, input);
    announceNetworkChange(projectId);
    return { ok: true as const };
  });
