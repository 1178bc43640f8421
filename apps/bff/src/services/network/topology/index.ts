import { ZenithError } from "@zenith/core/errors";
import type {
  TTopologyDelta,
  TTopologyGraph,
  TTopologyRequest,
  TTopologyUpdatesRequest,
} from "../../../routers/network/topology/topology.types.ts";
import type { Cloud } from "../../cloud/clients.ts";

/** Who asks: the token's project and whether it may look across projects. */
export interface TopologyScope {
  projectId: string;
  isAdmin: boolean;
}

// Contract placeholders, replaced by the topology part of issue 10 before it lands.
export async function readTopology(
  _cloud: Cloud,
  _scope: TopologyScope,
  _request: TTopologyRequest,
): Promise<TTopologyGraph> {
  throw new ZenithError("NOT_IMPLEMENTED", "The network topology is not available yet.");
}

export async function* watchTopology(
  _cloud: Cloud,
  _scope: TopologyScope,
  _request: TTopologyUpdatesRequest,
  _signal: AbortSignal | undefined,
): AsyncGenerator<TTopologyDelta> {
  yield* [];
  throw new ZenithError("NOT_IMPLEMENTED", "The network topology is not available yet.");
}
