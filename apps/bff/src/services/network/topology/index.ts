import type { TTopologyGraph, TTopologyRequest } from "../../../routers/network/topology/topology.types.ts";
import type { Cloud } from "../../cloud/clients.ts";
import { readIndexed } from "./graph.ts";
import { type TopologyScope, viewOf } from "./view.ts";

export type { TopologyScope } from "./view.ts";
export { DEFAULT_TOPOLOGY_INTERVAL_MS, type WatchTopologyOptions, watchTopology } from "./watch.ts";

/**
 * The network graph the caller may see (see `readSources` for the bounded
 * set of API calls), with a revision that is a digest of its content.
 */
export async function readTopology(
  cloud: Cloud,
  scope: TopologyScope,
  request: TTopologyRequest,
): Promise<TTopologyGraph> {
  const graph = await readIndexed(cloud, viewOf(scope, request));
  return { nodes: graph.nodes, edges: graph.edges, revision: graph.revision };
}
