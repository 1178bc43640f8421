/**
 * What the volume agent remembers across its restarts (the state store's
 * records, `<data>/volume/<host>/state.json`). The volumes and exports
 * themselves are not recorded: the driver lists them from the storage
 * folder. Keys:
 * - `volume:<id>`: the generation the volume last converged at (echoed in
 *   reports; a volume present without a record reports generation 0);
 * - `failure:<kind>:<id>`: what failed at which desired generation, so it is
 *   reported after a restart too and not retried at that generation except
 *   by the periodic resync, and only when the cause may pass;
 * - `upload:<imageId>`, `backup:<backupId>`: a one-shot job's result, kept
 *   until the desired state no longer lists the job (the control plane has
 *   recorded it); a backup also names the temporary volume it reads a
 *   snapshot through, so one left by a crash is deleted.
 */
import { ZVolumeApplied } from "@zenith/agent-protocol/volume";
import { z } from "zod";

const uuid = z.uuid();
const generation = z.int().nonnegative();

export const ZErrorKind = z.enum(["volume", "snapshot", "export", "delete"]);
export type ErrorKind = z.infer<typeof ZErrorKind>;

export const ZVolumeRecord = z.object({ kind: z.literal("volume"), generation });
export const ZFailureRecord = z.object({
  kind: z.literal("failure"),
  errorKind: ZErrorKind,
  id: uuid,
  generation,
  message: z.string().max(1024),
  /** The cause may pass (I/O, timeouts, the control plane away): the resync tries again. */
  retryable: z.boolean(),
});
export const ZUploadRecord = z.object({
  kind: z.literal("upload"),
  result: ZVolumeApplied.shape.uploads.element,
});
export const ZBackupRecord = z.object({
  kind: z.literal("backup"),
  /** A volume made from the snapshot being backed up; deleted when the job ends (or after a crash). */
  tempVolumeId: uuid.nullable(),
  result: ZVolumeApplied.shape.backups.element.nullable(),
});
export const ZRecord = z.discriminatedUnion("kind", [
  ZVolumeRecord,
  ZFailureRecord,
  ZUploadRecord,
  ZBackupRecord,
]);
export type VolumeRecord = z.infer<typeof ZVolumeRecord>;
export type FailureRecord = z.infer<typeof ZFailureRecord>;
export type UploadRecord = z.infer<typeof ZUploadRecord>;
export type BackupRecord = z.infer<typeof ZBackupRecord>;
export type AgentRecord = z.infer<typeof ZRecord>;

export const volumeKey = (id: string): string => `volume:${id}`;
export const failureKey = (kind: ErrorKind, id: string): string => `failure:${kind}:${id}`;
export const uploadKey = (imageId: string): string => `upload:${imageId}`;
export const backupKey = (backupId: string): string => `backup:${backupId}`;
