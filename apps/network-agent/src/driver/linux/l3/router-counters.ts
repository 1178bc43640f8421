/**
 * Reads the traffic counters of this agent's routers: one
 * `nft -j list counters table ip zenith_router` per router namespace gives
 * the gateway's and every floating IP's bytes (router-nft.ts declares
 * them). A few namespaces are read at a time, so a host of many routers
 * neither waits for them one by one nor starts them all at once.
 */
import { z } from "zod";
import type { TrafficCounter, TrafficCounters } from "../../types.ts";
import { CommandError, run } from "../exec.ts";
import { ROUTER_NAT_TABLE, routerNamespace } from "./names.ts";
import { listRouters } from "./router.ts";
import { FIP_IN_PREFIX, FIP_OUT_PREFIX, ROUTER_IN_COUNTER, ROUTER_OUT_COUNTER } from "./router-nft.ts";

const READ_CONCURRENCY = 4;
const READ_TIMEOUT_MS = 10_000;

const ZNftCounterList = z.object({
  nftables: z
    .array(
      z
        .object({
          counter: z
            .object({
              name: z.string().max(256),
              table: z.string(),
              bytes: z.number().int().nonnegative(),
            })
            .loose()
            .optional(),
        })
        .loose(),
    )
    .max(100_000),
});

export interface RouterCounters {
  /** Undefined while the router has no gateway (no counters then). */
  router: TrafficCounter | undefined;
  floatingIps: TrafficCounter[];
}

/** `nft -j list counters` output of one router namespace → its router's and floating IPs' bytes. */
export function parseRouterCounters(routerId: string, output: string): RouterCounters {
  const items = ZNftCounterList.parse(JSON.parse(output)).nftables;
  let routerIn: number | undefined;
  let routerOut: number | undefined;
  const fips = new Map<string, TrafficCounter>();
  const fip = (id: string): TrafficCounter => {
    const found = fips.get(id) ?? { id, incomingBytes: 0, outgoingBytes: 0 };
    fips.set(id, found);
    return found;
  };
  for (const { counter } of items) {
    if (counter?.table !== ROUTER_NAT_TABLE) continue;
    const { name, bytes } = counter;
    if (name === ROUTER_IN_COUNTER) routerIn = bytes;
    else if (name === ROUTER_OUT_COUNTER) routerOut = bytes;
    else if (name.startsWith(FIP_IN_PREFIX)) fip(name.slice(FIP_IN_PREFIX.length)).incomingBytes = bytes;
    else if (name.startsWith(FIP_OUT_PREFIX)) fip(name.slice(FIP_OUT_PREFIX.length)).outgoingBytes = bytes;
  }
  const router =
    routerIn === undefined && routerOut === undefined
      ? undefined
      : { id: routerId, incomingBytes: routerIn ?? 0, outgoingBytes: routerOut ?? 0 };
  return { router, floatingIps: [...fips.values()] };
}

/** One router's counters; none while its namespace or table does not exist (yet, or any more). */
export async function readRouterCounters(routerId: string): Promise<RouterCounters> {
  try {
    const out = await run(["nft", "-j", "list", "counters", "table", "ip", ROUTER_NAT_TABLE], {
      netns: routerNamespace(routerId),
      timeoutMs: READ_TIMEOUT_MS,
    });
    return parseRouterCounters(routerId, out);
  } catch (err) {
    if (err instanceof CommandError) return { router: undefined, floatingIps: [] };
    throw err;
  }
}

/** Every router this agent made (its records), `READ_CONCURRENCY` namespaces at a time. */
export async function readAllRouterCounters(ctx: { stateDir: string }): Promise<TrafficCounters> {
  const queue = await listRouters(ctx);
  const result: TrafficCounters = { routers: [], floatingIps: [] };
  const worker = async (): Promise<void> => {
    for (let id = queue.shift(); id !== undefined; id = queue.shift()) {
      const counters = await readRouterCounters(id);
      if (counters.router) result.routers.push(counters.router);
      result.floatingIps.push(...counters.floatingIps);
    }
  };
  await Promise.all(Array.from({ length: READ_CONCURRENCY }, worker));
  return result;
}
