/** What the volume agent samples, named as the metric catalog has it. */
import { randomUUID } from "node:crypto";
import { ZSample } from "@zenith/agent-protocol/metering";
import { describe, expect, it } from "vitest";
import { volumeSamples } from "../src/metering.ts";

describe("volume samples", () => {
  it("sizes desired volumes from the desired state, allocations from the disk; the host's storage by its name", () => {
    const [a, temp] = [randomUUID(), randomUUID()];
    const samples = volumeSamples({
      host: "vol-1",
      usage: {
        totalBytes: 100e9,
        usedBytes: 40e9,
        volumes: [
          { id: a, allocatedBytes: 3e9 },
          { id: temp, allocatedBytes: 1e9 },
        ],
      },
      desired: new Map([[a, { sizeGb: 10 }]]),
      at: 1_700_000_000_000,
    });
    for (const s of samples) ZSample.parse(s);
    expect(samples.map((s) => [s.resource, s.subject, s.metric, s.value])).toEqual([
      ["volume", a, "volume.size", 10],
      ["volume", a, "volume.allocation", 3e9],
      ["host", "vol-1", "volume.provider.capacity.total", 100e9],
      // The temporary volume has no series but takes space.
      ["host", "vol-1", "volume.provider.capacity.allocated", 4e9],
      ["host", "vol-1", "hardware.disk.size.total", 100e9],
      ["host", "vol-1", "hardware.disk.size.used", 40e9],
    ]);
  });
});
