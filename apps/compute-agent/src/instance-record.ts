/** What the compute agent remembers of each instance across its restarts (in the runtime's StateStore). */
import { ZAppliedCounters, ZDesiredInstance } from "@zenith/agent-protocol/compute";
import { z } from "zod";

export const ZSnapshotOutcome = z.object({ ok: z.boolean(), message: z.string().optional() });
export type SnapshotOutcome = z.infer<typeof ZSnapshotOutcome>;

export const ZInstanceRecord = z.object({
  /** The last desired state received; null once the control plane listed the instance in `deleted`. */
  desired: ZDesiredInstance.nullable(),
  applied: ZAppliedCounters,
  /** Snapshots already taken (by image id), so a restart neither repeats nor forgets one. */
  snapshots: z.record(z.string(), ZSnapshotOutcome),
});
export type InstanceRecord = z.infer<typeof ZInstanceRecord>;

export const zeroCounters = () => ({ generation: 0, rebootSeq: 0, rebuildSeq: 0, resizeSeq: 0 });
