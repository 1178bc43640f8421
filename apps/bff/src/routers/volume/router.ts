import { router } from "../../trpc.ts";
import { attachVolumeRoute } from "./attachments/attach.ts";
import { detachVolumeRoute } from "./attachments/detach.ts";
import { instanceVolumesRoute } from "./attachments/forInstance.ts";
import { attachOptionsRoute } from "./attachments/options.ts";
import { createBackupRoute } from "./backups/create.ts";
import { deleteBackupRoute } from "./backups/delete.ts";
import { listBackupsRoute } from "./backups/list.ts";
import { restoreBackupRoute } from "./backups/restore.ts";
import { createSnapshotRoute } from "./snapshots/create.ts";
import { deleteSnapshotRoute } from "./snapshots/delete.ts";
import { listSnapshotsRoute } from "./snapshots/list.ts";
import { acceptTransferRoute } from "./transfers/accept.ts";
import { createTransferRoute } from "./transfers/create.ts";
import { deleteTransferRoute } from "./transfers/delete.ts";
import { listTransfersRoute } from "./transfers/list.ts";
import { createVolumeRoute } from "./volumes/create.ts";
import { createVolumeOptionsRoute } from "./volumes/createOptions.ts";
import { deleteVolumeRoute } from "./volumes/delete.ts";
import { extendVolumeRoute } from "./volumes/extend.ts";
import { getVolumeRoute } from "./volumes/get.ts";
import { listVolumesRoute } from "./volumes/list.ts";
import { updateVolumeRoute } from "./volumes/update.ts";
import { volumeUpdatesRoute } from "./volumes/updates.ts";
import { uploadToImageRoute } from "./volumes/uploadToImage.ts";

/** Project → Volumes: volumes, their snapshots, backups, transfers and attachments (through Nova). */
export const volumeRouter = router({
  list: listVolumesRoute,
  get: getVolumeRoute,
  updates: volumeUpdatesRoute,
  createOptions: createVolumeOptionsRoute,
  create: createVolumeRoute,
  update: updateVolumeRoute,
  extend: extendVolumeRoute,
  delete: deleteVolumeRoute,
  uploadToImage: uploadToImageRoute,
  snapshots: router({ list: listSnapshotsRoute, create: createSnapshotRoute, delete: deleteSnapshotRoute }),
  backups: router({
    list: listBackupsRoute,
    create: createBackupRoute,
    restore: restoreBackupRoute,
    delete: deleteBackupRoute,
  }),
  transfers: router({
    list: listTransfersRoute,
    create: createTransferRoute,
    accept: acceptTransferRoute,
    delete: deleteTransferRoute,
  }),
  attachments: router({
    forInstance: instanceVolumesRoute,
    options: attachOptionsRoute,
    attach: attachVolumeRoute,
    detach: detachVolumeRoute,
  }),
});
