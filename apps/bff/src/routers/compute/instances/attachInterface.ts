import { attachInterface } from "../../../services/compute/interfaces.ts";
import { announceNetworkChange } from "../../../services/network/changes.ts";
import { projectProcedure } from "../../../trpc.ts";
import { ZAttachInterfaceRequestSchema, ZAttachInterfaceResponseSchema } from "./attachInterface.types.ts";

export const attachInterfaceRoute = projectProcedure
  .input(ZAttachInterfaceRequestSchema)
  .output(ZAttachInterfaceResponseSchema)
  .mutation(async ({ ctx, input }) => {
    const { projectId, portId } = await attachInterface(ctx.cloud, input);
    announceNetworkChange(projectId);
    return { portId };
  });
