import type { TopologyEdge, TopologyGraph, TopologyNode } from "./types";

/**
 * Synthetic topology graphs for unit tests and the Playwright bench (500
 * instances / 50 networks / 20 routers): deterministic ids and addresses,
 * a mix of states, some instances on two networks, some floating IPs.
 * Pure and dependency-free so `bench/` can import it as is.
 */
export interface FixtureOptions {
  instances: number;
  networks: number;
  routers: number;
  /** Project of every tenant resource (external network: null). */
  projectId?: string;
  projectName?: string;
}

const pad = (n: number) => String(n).padStart(4, "0");

export const FIXTURE_EXTERNAL_ID = "net-public";

function instanceState(i: number): Pick<TopologyNode, "status" | "tone" | "taskState"> {
  if (i % 23 === 22) return { status: "ERROR", tone: "error", taskState: null };
  if (i % 17 === 16) return { status: "SHUTOFF", tone: "down", taskState: null };
  if (i % 10 === 9) return { status: "BUILD", tone: "build", taskState: "spawning" };
  return { status: "ACTIVE", tone: "active", taskState: null };
}

export function makeTopologyFixture(options: FixtureOptions): TopologyGraph {
  const instances = Math.max(0, Math.floor(options.instances));
  const networks = Math.max(0, Math.min(250, Math.floor(options.networks)));
  const routers = Math.max(0, Math.floor(options.routers));
  const projectId = options.projectId ?? "project-demo";
  const tenant = { projectId, ...(options.projectName ? { projectName: options.projectName } : {}) };
  const nodes: TopologyNode[] = [];
  const edges: TopologyEdge[] = [];

  nodes.push({
    id: FIXTURE_EXTERNAL_ID,
    kind: "network",
    name: "public",
    status: "ACTIVE",
    tone: "active",
    projectId: null,
    external: true,
    shared: false,
    subnets: [
      {
        id: "sub-public",
        name: "public-subnet",
        cidr: "172.24.4.0/24",
        ipVersion: 4,
        gatewayIp: "172.24.4.1",
      },
    ],
    taskState: null,
  });
  for (let n = 0; n < networks; n++) {
    nodes.push({
      id: `net-${pad(n)}`,
      kind: "network",
      name: `net-${n}`,
      status: "ACTIVE",
      tone: "active",
      ...tenant,
      external: false,
      shared: false,
      subnets: [
        {
          id: `sub-${pad(n)}`,
          name: `subnet-${n}`,
          cidr: `10.${n}.0.0/24`,
          ipVersion: 4,
          gatewayIp: `10.${n}.0.1`,
        },
      ],
      taskState: null,
    });
  }
  for (let r = 0; r < routers; r++) {
    const id = `rtr-${pad(r)}`;
    nodes.push({
      id,
      kind: "router",
      name: `router-${r}`,
      status: "ACTIVE",
      tone: "active",
      ...tenant,
      external: false,
      shared: false,
      subnets: [],
      taskState: null,
    });
    edges.push({
      id: `gw-${id}`,
      source: id,
      target: FIXTURE_EXTERNAL_ID,
      kind: "router-gateway",
      status: "ACTIVE",
      tone: "active",
      addresses: [{ ip: `172.24.4.${10 + (r % 240)}`, subnetId: "sub-public" }],
      macAddress: null,
      floatingIps: [],
    });
  }
  // Each network hangs off one router (round robin), at its gateway address.
  for (let n = 0; n < networks && routers > 0; n++) {
    const r = n % routers;
    edges.push({
      id: `port-rtr-${pad(r)}-${pad(n)}`,
      source: `rtr-${pad(r)}`,
      target: `net-${pad(n)}`,
      kind: "router-interface",
      status: "ACTIVE",
      tone: "active",
      addresses: [{ ip: `10.${n}.0.1`, subnetId: `sub-${pad(n)}` }],
      macAddress: `fa:16:3e:00:${pad(r).slice(2)}:${pad(n).slice(2)}`,
      floatingIps: [],
    });
  }
  const perNetwork = new Array<number>(networks).fill(0);
  const addPort = (i: number, n: number, suffix: string) => {
    const host = (perNetwork[n] ?? 0) + 10;
    perNetwork[n] = host - 9;
    const fip = i % 5 === 0 && suffix === "a";
    edges.push({
      id: `port-vm-${pad(i)}-${suffix}`,
      source: `vm-${pad(i)}`,
      target: `net-${pad(n)}`,
      kind: "instance",
      status: instanceState(i).tone === "active" ? "ACTIVE" : "DOWN",
      tone: instanceState(i).tone === "active" ? "active" : "down",
      addresses: [{ ip: `10.${n}.${Math.floor(host / 250)}.${host % 250}`, subnetId: `sub-${pad(n)}` }],
      macAddress: null,
      floatingIps: fip ? [{ id: `fip-${pad(i)}`, address: `172.24.4.${(i % 200) + 50}` }] : [],
    });
  };
  for (let i = 0; i < instances; i++) {
    nodes.push({
      id: `vm-${pad(i)}`,
      kind: "instance",
      name: `vm-${i}`,
      ...instanceState(i),
      ...tenant,
      external: false,
      shared: false,
      subnets: [],
    });
    if (networks === 0) continue;
    addPort(i, i % networks, "a");
    if (i % 7 === 6 && networks > 1) addPort(i, (i + 1) % networks, "b");
  }
  return { nodes, edges, revision: `fixture-${instances}-${networks}-${routers}` };
}
