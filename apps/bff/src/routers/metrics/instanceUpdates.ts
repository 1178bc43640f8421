import { watchInstanceSeries } from "../../services/metrics/watch-series.ts";
import { projectProcedure } from "../../trpc.ts";
import { scopeOf } from "../compute/scope.ts";
import {
  type TInstanceUpdatesEvent,
  ZInstanceUpdatesEventSchema,
  ZInstanceUpdatesRequestSchema,
} from "./instanceUpdates.types.ts";

/**
 * Server-sent events while a Metrics tab is open: each sample interval, the
 * points that arrived. tRPC's `.output()` does not apply to subscriptions,
 * so each event is validated here; the stream ends when the browser goes.
 */
export const instanceUpdatesRoute = projectProcedure
  .input(ZInstanceUpdatesRequestSchema)
  .subscription(async function* ({ ctx, input, signal }): AsyncGenerator<TInstanceUpdatesEvent> {
    const updates = watchInstanceSeries(ctx.cloud, scopeOf(ctx), input.id, input.range, {
      after: input.after,
      signal,
    });
    for await (const update of updates) yield ZInstanceUpdatesEventSchema.parse(update);
  });
