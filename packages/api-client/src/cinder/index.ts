export type { CreateBackupInput } from "./backups.ts";
export { type CinderClient, createCinderClient } from "./client.ts";
export {
  chooseVolumeMicroversion,
  forgetVolumeMicroversions,
  negotiateVolumeMicroversion,
  volumeVersionAtLeast,
  volumeVersionRoot,
  WANTED_VOLUME_MICROVERSION,
} from "./microversion.ts";
export type { CinderListQuery, Paged } from "./paging.ts";
export * from "./schemas.ts";
export type { CreateSnapshotInput } from "./snapshots.ts";
export type { CinderClientOptions } from "./transport.ts";
export type { VolumeTypeInput } from "./types.ts";
export type { CreateVolumeInput, UploadImageInput } from "./volumes.ts";
