import { watchInstances } from "../../../services/compute/updates.ts";
import { projectProcedure } from "../../../trpc.ts";
import { scopeOf } from "../scope.ts";
import {
  type TInstanceUpdatesEvent,
  ZInstanceUpdatesEventSchema,
  ZInstanceUpdatesRequestSchema,
} from "./updates.types.ts";

/**
 * Server-sent events (tRPC `httpSubscriptionLink`). tRPC's `.output()` does
 * not apply to subscriptions, so each event is validated here; the stream
 * ends when the browser disconnects (tRPC aborts `signal`).
 */
export const instanceUpdatesRoute = projectProcedure
  .input(ZInstanceUpdatesRequestSchema)
  .subscription(async function* ({ ctx, input, signal }): AsyncGenerator<TInstanceUpdatesEvent> {
    const events = watchInstances(ctx.cloud, scopeOf(ctx), {
      allProjects: input.allProjects,
      watch: input.watch,
      signal,
    });
    for await (const event of events) yield ZInstanceUpdatesEventSchema.parse(event);
  });
