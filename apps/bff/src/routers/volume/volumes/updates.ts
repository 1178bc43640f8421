import { watchVolumes } from "../../../services/volume/updates.ts";
import { projectProcedure } from "../../../trpc.ts";
import { volumeScopeOf } from "../scope.ts";
import { type TVolumeUpdatesEvent, ZVolumeUpdatesEvent, ZVolumeUpdatesRequest } from "./updates.types.ts";

/**
 * Server-sent volume changes (tRPC `httpSubscriptionLink`), as the instance
 * list's: each event is validated here since `.output()` does not apply to
 * subscriptions; the stream ends when the browser disconnects.
 */
export const volumeUpdatesRoute = projectProcedure
  .input(ZVolumeUpdatesRequest)
  .subscription(async function* ({ ctx, input, signal }): AsyncGenerator<TVolumeUpdatesEvent> {
    const scope = volumeScopeOf(ctx);
    if (input.allProjects && !scope.isAdmin) return;
    for await (const event of watchVolumes(ctx.cloud, scope, { allProjects: input.allProjects, signal })) {
      yield ZVolumeUpdatesEvent.parse(event);
    }
  });
