import { detachInterface } from "../../../services/compute/interfaces.ts";
import { announceNetworkChange } from "../../../services/network/changes.ts";
import { projectProcedure } from "../../../trpc.ts";
import { ZDetachInterfaceRequestSchema, ZDetachInterfaceResponseSchema } from "./detachInterface.types.ts";

export const detachInterfaceRoute = projectProcedure
  .input(ZDetachInterfaceRequestSchema)
  .output(ZDetachInterfaceResponseSchema)
  .mutation(async ({ ctx, input }) => {
    const { projectId } = await detachInterface(ctx.cloud, input);
    announceNetworkChange(projectId);
    return { ok: true as const };
  });
