import type { Cloud } from "../../cloud/clients.ts";
import { buildTopology } from "./build.ts";
import { type IndexedTopology, indexTopology } from "./digest.ts";
import { readSources } from "./read.ts";
import type { TopologyView } from "./view.ts";

/** Read, build and digest: one graph of the view, indexed for diffs. */
export async function readIndexed(cloud: Cloud, view: TopologyView): Promise<IndexedTopology> {
  return indexTopology(buildTopology(await readSources(cloud, view)));
}
