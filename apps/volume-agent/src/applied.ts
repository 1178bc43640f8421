/**
 * The applied state a hello or report carries, read from the driver (what
 * exists) and the agent's records (generations, job results, failures).
 */
import type { VolumeApplied } from "@zenith/agent-protocol/volume";
import type { VolumeDriver } from "./driver/types.ts";
import { type AgentRecord, volumeKey } from "./records.ts";

const MAX_ERRORS = 1000;

export async function appliedState(
  driver: VolumeDriver,
  records: ReadonlyMap<string, AgentRecord>,
): Promise<VolumeApplied> {
  const [volumes, exports, capacity] = await Promise.all([
    driver.listVolumes(),
    driver.listExports(),
    driver.capacity(),
  ]);
  const temporary = new Set<string>();
  const state: VolumeApplied = { volumes: [], exports: [], uploads: [], backups: [], errors: [], capacity };
  for (const r of records.values()) {
    if (r.kind === "backup") {
      if (r.tempVolumeId !== null) temporary.add(r.tempVolumeId);
      if (r.result !== null) state.backups.push(r.result);
    } else if (r.kind === "upload") state.uploads.push(r.result);
    else if (r.kind === "failure" && state.errors.length < MAX_ERRORS) {
      state.errors.push({ kind: r.errorKind, id: r.id, generation: r.generation, message: r.message });
    }
  }
  // A backup's temporary volume is the agent's own business.
  for (const v of volumes) {
    if (temporary.has(v.id)) continue;
    const record = records.get(volumeKey(v.id));
    state.volumes.push({
      id: v.id,
      generation: record?.kind === "volume" ? record.generation : 0,
      sizeBytes: v.sizeBytes,
      snapshots: v.snapshots.map((s) => s.id),
    });
  }
  state.exports = exports.map((e) => ({
    attachmentId: e.attachmentId,
    volumeId: e.volumeId,
    readOnly: e.readOnly,
    host: e.host,
    port: e.port,
    exportName: e.exportName,
    tlsUsername: e.tlsUsername,
    secret: e.secret,
  }));
  return state;
}
