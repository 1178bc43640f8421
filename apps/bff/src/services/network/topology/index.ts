import type { TTopologyGraph, TTopologyRequest } from "../../../routers/network/topology/topology.types.ts";
import type { Cloud } from "../../cloud/clients.ts";
import { cachedGraph } from "./graph-cache.ts";
import { type TopologyScope, viewOf } from "./view.ts";

export type { TopologyScope } from "./view.ts";
export { DEFAULT_TOPOLOGY_INTERVAL_MS, type WatchTopologyOptions, watchTopology } from "./watch.ts";

/**
 * The network graph the caller may see (see `readSources` for the bounded
 * set of API calls), with a revision that is a digest of its content;
 * answered from the last read while the change notices say it is current
 * (`cachedGraph`).
 */
export async function readTopology(
  cloud: Cloud,
  scope: TopologyScope,
  request: TTopologyRequest,
): Promise<TTopologyGraph> {
  const graph = await cachedGraph(cloud, viewOf(scope, request));
  return { nodes: graph.nodes, edges: graph.edges, revision: graph.revision };
}
