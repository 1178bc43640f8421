import { floatingIpChoices } from "../../../services/compute/floating-ips.ts";
import { serverOf } from "../../../services/compute/interfaces.ts";
import { launchNetworkOptions } from "../../../services/compute/launch-networks.ts";
import { projectProcedure } from "../../../trpc.ts";
import { ZInterfaceOptionsRequestSchema, ZInterfaceOptionsResponseSchema } from "./interfaceOptions.types.ts";

export const interfaceOptionsRoute = projectProcedure
  .input(ZInterfaceOptionsRequestSchema)
  .output(ZInterfaceOptionsResponseSchema)
  .query(async ({ ctx, input }) => {
    // The instance's project, not the session's: an admin may open another project's instance.
    const projectId = (await serverOf(ctx.cloud, input.id)).tenant_id;
    const [network, floating] = await Promise.all([
      launchNetworkOptions(ctx.cloud, projectId),
      floatingIpChoices(ctx.cloud, projectId),
    ]);
    return { ...network, ...floating };
  });
