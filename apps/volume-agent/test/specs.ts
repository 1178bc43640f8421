/** Builders for desired messages in tests. */
import type { DesiredVolume, VolumeDesired } from "@zenith/agent-protocol/volume";
import { emptyDesired } from "./tiny-control.ts";

export function volume(id: string, opts: Partial<Omit<DesiredVolume, "id">> = {}): DesiredVolume {
  return {
    id,
    sizeGb: 1,
    format: "qcow2",
    source: { kind: "empty" },
    snapshots: [],
    generation: 1,
    ...opts,
  };
}

export function desired(parts: Partial<Omit<VolumeDesired, "type" | "full">> = {}): VolumeDesired {
  return { ...emptyDesired(), ...parts };
}
