/**
 * What the agent remembers per resource across its restarts (the state
 * store's records): the last desired spec, what it may have created (set
 * before the driver is called, so a crash mid-call still leads to a
 * removal later) and what it applied. Keys: `network:<id>`, `port:<id>`,
 * `dhcp:<network id>`, `router:<id>`.
 */
import { ZDeviceName, ZDhcpSpec, ZNetworkSpec, ZPortSpec, ZRouterSpec } from "@zenith/agent-protocol/network";
import { z } from "zod";

const slot = z.int().min(1).max(65535);
const generation = z.int().nonnegative().nullable();

export const ZPortRef = z.object({
  id: z.string().min(1),
  networkId: z.string().min(1),
  device: ZDeviceName,
});

export const ZNetworkRecord = z.object({
  kind: z.literal("network"),
  slot,
  desired: ZNetworkSpec.nullable(),
  /** The spec last handed to the driver: what may exist on the host. */
  applied: ZNetworkSpec.nullable(),
  ready: z.boolean(),
});
export const ZPortRecord = z.object({
  kind: z.literal("port"),
  slot,
  desired: ZPortSpec.nullable(),
  applied: ZPortRef.nullable(),
  /** The generation the port was last wired at; null while its device is absent. */
  wiredGeneration: generation,
});
export const ZDhcpRecord = z.object({
  kind: z.literal("dhcp"),
  desired: ZDhcpSpec.nullable(),
  applied: z.boolean(),
  appliedGeneration: generation,
});
export const ZRouterRecord = z.object({
  kind: z.literal("router"),
  desired: ZRouterSpec.nullable(),
  applied: z.boolean(),
  /** The networks the router was last given: they stay until it is removed. */
  networkIds: z.array(z.string().min(1)).default([]),
  appliedGeneration: generation,
});
export const ZRecord = z.discriminatedUnion("kind", [
  ZNetworkRecord,
  ZPortRecord,
  ZDhcpRecord,
  ZRouterRecord,
]);
export type NetworkRecord = z.infer<typeof ZNetworkRecord>;
export type PortRecord = z.infer<typeof ZPortRecord>;
export type DhcpRecord = z.infer<typeof ZDhcpRecord>;
export type RouterRecord = z.infer<typeof ZRouterRecord>;
export type AgentRecord = z.infer<typeof ZRecord>;
export type RecordKind = AgentRecord["kind"];

export const recordKey = (kind: RecordKind, id: string): string => `${kind}:${id}`;

export function splitKey(key: string): { kind: RecordKind; id: string } {
  const at = key.indexOf(":");
  const kind = z.enum(["network", "port", "dhcp", "router"]).parse(key.slice(0, at));
  return { kind, id: key.slice(at + 1) };
}

/** The smallest slot no record of `kind` holds. */
export function freeSlot(records: Iterable<AgentRecord>, kind: "network" | "port"): number {
  const used = new Set<number>();
  for (const r of records) if (r.kind === kind) used.add(r.slot);
  for (let s = 1; s <= 65535; s++) if (!used.has(s)) return s;
  throw new Error(`no free ${kind} slot`);
}
