import { z } from "zod";

/**
 * The network topology graph of `network.topology` and the changes of
 * `network.topologyUpdates`. Nodes are networks (external ones too),
 * routers and instances; edges are ports joining a device to a network.
 * Ids are the OpenStack ids, so a node keeps its identity across updates
 * and the diagram can animate it in place.
 */

/** The colour a state is drawn in. */
export const ZTopologyTone = z.enum(["active", "build", "error", "down"]);
export type TTopologyTone = z.infer<typeof ZTopologyTone>;

export const ZTopologySubnet = z.object({
  id: z.string(),
  name: z.string(),
  cidr: z.string(),
  ipVersion: z.number().int(),
  gatewayIp: z.string().nullable(),
});
export type TTopologySubnet = z.infer<typeof ZTopologySubnet>;

export const ZTopologyNode = z.object({
  id: z.string(),
  kind: z.enum(["network", "router", "instance"]),
  name: z.string(),
  /** The OpenStack status as the API gives it (ACTIVE, BUILD, DOWN, ERROR, SHUTOFF, …). */
  status: z.string(),
  tone: ZTopologyTone,
  projectId: z.string().nullable(),
  /** Filled for cloud admins looking across projects. */
  projectName: z.string().optional(),
  /** Networks: `router:external`. */
  external: z.boolean().default(false),
  /** Networks: shared with every project. */
  shared: z.boolean().default(false),
  /** Networks: their subnets (CIDR), in creation order. */
  subnets: z.array(ZTopologySubnet).max(1000).default([]),
  /** Instances: the task in progress (`spawning`, `rebooting`, …), shown next to the status. */
  taskState: z.string().nullable().default(null),
  /** Instances: attached volumes, drawn as small chips on the instance (absent when none). */
  volumes: z
    .array(z.object({ id: z.string(), name: z.string() }))
    .max(64)
    .optional(),
});
export type TTopologyNode = z.infer<typeof ZTopologyNode>;

export const ZTopologyEdge = z.object({
  /** The port id (`gw-<routerId>` for a router's external gateway, which tenants cannot list as a port). */
  id: z.string(),
  /** The device: a router or instance node id. */
  source: z.string(),
  /** The network node id. */
  target: z.string(),
  kind: z.enum(["instance", "router-interface", "router-gateway"]),
  /** The port's status (ACTIVE, DOWN, BUILD). */
  status: z.string(),
  tone: ZTopologyTone,
  addresses: z.array(z.object({ ip: z.string(), subnetId: z.string() })).max(100),
  macAddress: z.string().nullable(),
  /** Floating IPs associated with this port. */
  floatingIps: z.array(z.object({ id: z.string(), address: z.string() })).max(100),
});
export type TTopologyEdge = z.infer<typeof ZTopologyEdge>;

/** Upper bounds that keep one answer bounded (a cloud far larger than this needs a project filter). */
export const TOPOLOGY_MAX_NODES = 20_000;
export const TOPOLOGY_MAX_EDGES = 40_000;

export const ZTopologyGraph = z.object({
  nodes: z.array(ZTopologyNode).max(TOPOLOGY_MAX_NODES),
  edges: z.array(ZTopologyEdge).max(TOPOLOGY_MAX_EDGES),
  /** A digest of the graph's content: equal revisions mean equal graphs. */
  revision: z.string(),
});
export type TTopologyGraph = z.infer<typeof ZTopologyGraph>;

export const ZTopologyRequest = z
  .object({
    /** Admin → Topology: every project, or only `projectId`. Refused for members. */
    allProjects: z.boolean().optional(),
    projectId: z.string().min(1).max(64).optional(),
  })
  .default({});
export type TTopologyRequest = z.infer<typeof ZTopologyRequest>;

export const ZTopologyUpdatesRequest = z
  .object({
    allProjects: z.boolean().optional(),
    projectId: z.string().min(1).max(64).optional(),
    /** The revision the browser holds: the stream stays quiet until the graph differs from it. */
    revision: z.string().max(128).optional(),
  })
  .default({});
export type TTopologyUpdatesRequest = z.infer<typeof ZTopologyUpdatesRequest>;

/**
 * One change of the graph: apply removals, then upserts (whole nodes/edges
 * replace the old ones). With `reset` the upserts are the whole graph and
 * the client drops whatever it holds that is not in them: the BFF sends
 * one when the browser's `revision` was not the current one, since it
 * cannot know which graph the browser holds.
 */
export const ZTopologyDelta = z.object({
  revision: z.string(),
  reset: z.boolean().default(false),
  upsertNodes: z.array(ZTopologyNode).max(TOPOLOGY_MAX_NODES),
  removeNodes: z.array(z.string()).max(TOPOLOGY_MAX_NODES),
  upsertEdges: z.array(ZTopologyEdge).max(TOPOLOGY_MAX_EDGES),
  removeEdges: z.array(z.string()).max(TOPOLOGY_MAX_EDGES),
});
export type TTopologyDelta = z.infer<typeof ZTopologyDelta>;
