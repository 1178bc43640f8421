import type { IdentityServices } from "../../services/identity/registry.ts";
import type { VolumeServices } from "../../services/volume/registry.ts";

/** What every volume route module receives. */
export interface VolumeRouteEnv {
  identity: IdentityServices;
  volume: VolumeServices;
  /** Base URL for `links` (known only after listen when the port is 0). */
  publicUrl: () => string;
}

/** Every project-scoped route sits under this prefix (the catalog's `…/volume/v3/%(project_id)s`). */
export const VOLUME_BASE = "/volume/v3/:project_id";
