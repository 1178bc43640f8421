/**
 * What the network agent meters: per router, the bytes through its external
 * gateway; per floating IP, the bytes to and from it across that gateway
 * (Ceilometer's meter names). No host metrics: the compute agent of the
 * same host sends those.
 */
import type { Sample } from "@zenith/agent-protocol/metering";
import type { TrafficCounters } from "./driver/types.ts";

export function trafficSamples(counters: TrafficCounters, at: number): Sample[] {
  const samples: Sample[] = [];
  for (const r of counters.routers) {
    samples.push(
      { resource: "router", subject: r.id, metric: "router.incoming.bytes", value: r.incomingBytes, at },
      { resource: "router", subject: r.id, metric: "router.outgoing.bytes", value: r.outgoingBytes, at },
    );
  }
  for (const f of counters.floatingIps) {
    samples.push(
      {
        resource: "floating_ip",
        subject: f.id,
        metric: "ip.floating.incoming.bytes",
        value: f.incomingBytes,
        at,
      },
      {
        resource: "floating_ip",
        subject: f.id,
        metric: "ip.floating.outgoing.bytes",
        value: f.outgoingBytes,
        at,
      },
    );
  }
  return samples;
}
