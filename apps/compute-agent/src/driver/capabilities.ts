import type { DriverCapabilities } from "./schemas.ts";
import type { DriverOperation } from "./types.ts";

/** Which capability each optional operation needs: every driver refuses the same calls when a flag is false. */
export const CAPABILITY_GATES: Partial<Record<DriverOperation, keyof DriverCapabilities>> = {
  pause: "supportsPause",
  unpause: "supportsPause",
  suspend: "supportsSuspend",
  resume: "supportsSuspend",
  snapshot: "supportsSnapshot",
  resize: "supportsResize",
  confirmResize: "supportsResize",
  revertResize: "supportsResize",
  rebuild: "supportsRebuild",
  attachVolume: "supportsVolumeAttach",
  detachVolume: "supportsVolumeAttach",
  growVolume: "supportsVolumeAttach",
  attachInterface: "supportsInterfaceAttach",
  detachInterface: "supportsInterfaceAttach",
};
