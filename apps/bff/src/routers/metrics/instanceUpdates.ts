import { TRPCError } from "@trpc/server";
import { toZenithError } from "../../services/errors.ts";
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
 * Errors raised while streaming pass no middleware, so they are turned into
 * the table's tRPC code here (another project's server: NOT_FOUND).
 */
export const instanceUpdatesRoute = projectProcedure
  .input(ZInstanceUpdatesRequestSchema)
  .subscription(async function* ({ ctx, input, signal }): AsyncGenerator<TInstanceUpdatesEvent> {
    const updates = watchInstanceSeries(ctx.cloud, scopeOf(ctx), input.id, input.range, {
      after: input.after,
      signal,
    });
    try {
      for await (const update of updates) yield ZInstanceUpdatesEventSchema.parse(update);
    } catch (err) {
      const zenith = toZenithError(err);
      if (!zenith) throw err;
      throw new TRPCError({ code: zenith.info.trpc, message: zenith.message, cause: zenith });
    }
  });
