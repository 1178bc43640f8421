import type { ComputeServices } from "../../services/compute/registry.ts";
import type { IdentityServices } from "../../services/identity/registry.ts";
import type { ImageServices } from "../../services/image/registry.ts";
import type { VolumeServices } from "../../services/volume/registry.ts";

/** What every compute route module receives. */
export interface ComputeRouteEnv {
  identity: IdentityServices;
  compute: ComputeServices;
  /** Glance's services, behind Nova's image proxy API. */
  image: ImageServices;
  /** Cinder's services, behind os-volume_attachments and boot from volume. */
  volume: VolumeServices;
  /** Base URL for `links` (known only after listen when the port is 0). */
  publicUrl: () => string;
}
