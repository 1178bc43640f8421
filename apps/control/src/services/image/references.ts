import { ZenithError } from "@zenith/core/errors";
import type { PrismaClient } from "@zenith/db/client";
import type { Image } from "@zenith/db/generated";
import { propertiesOf } from "./values.ts";
import { type Viewer, visibleWhere } from "./visibility.ts";

/** Properties naming another image that the compute host fetches and boots with this one. */
export const IMAGE_REFERENCES = ["kernel_id", "ramdisk_id"] as const;

/** Nova's "no kernel" sentinel (api samples carry it), and an empty value, name nothing. */
function namesNothing(value: string): boolean {
  return value === "" || value === "nokernel" || value === "noramdisk";
}

function referenceNotFound(name: string, id: string): ZenithError {
  return ZenithError.badRequest(`Invalid value for field '${name}': image ${id} could not be found`);
}

/**
 * Checks the properties that point at other resources, for the ones a
 * create or update sets or changes (values kept as they were are not
 * re-checked):
 * - `instance_uuid` ties an image to a server: the agent uploads that
 *   server's disk into queued images carrying its id, so it must be a
 *   server of the caller's project (any server for a cloud admin);
 * - `kernel_id`/`ramdisk_id` are booted with the image: they must be
 *   images the caller may use (Glance's visibility).
 * Unknown and foreign ids get the same 400, so nothing leaks.
 */
export async function checkPropertyReferences(
  prisma: PrismaClient,
  viewer: Viewer,
  next: Record<string, string>,
  before: Record<string, string> = {},
): Promise<void> {
  const changed = (name: string) => {
    const value = next[name];
    return value !== undefined && value !== before[name] ? value : undefined;
  };
  const instanceId = changed("instance_uuid");
  if (instanceId !== undefined) {
    const instance = await prisma.instance.findFirst({
      where: { id: instanceId, ...(viewer.admin ? {} : { projectId: viewer.projectId }) },
      select: { id: true },
    });
    if (!instance) {
      throw ZenithError.badRequest(
        `Invalid value for field 'instance_uuid': instance ${instanceId} could not be found`,
      );
    }
  }
  for (const name of IMAGE_REFERENCES) {
    const id = changed(name);
    if (id === undefined || namesNothing(id)) continue;
    const image = await prisma.image.findFirst({
      where: { AND: [{ id, deletedAt: null }, visibleWhere(viewer)] },
      select: { id: true },
    });
    if (!image) throw referenceNotFound(name, id);
  }
}

/**
 * At server create: the boot image's kernel and ramdisk must be images the
 * instance's project may use itself (Nova fetches them with the user's
 * token). Otherwise a public or shared image pointing at a private image
 * would have a host fetch that private image for a project that may not
 * see it.
 */
export async function checkBootReferences(
  prisma: PrismaClient,
  projectId: string,
  boot: Image,
): Promise<void> {
  const props = propertiesOf(boot);
  for (const name of IMAGE_REFERENCES) {
    const id = props[name];
    if (id === undefined || namesNothing(id)) continue;
    const image = await prisma.image.findFirst({
      where: { AND: [{ id, deletedAt: null }, visibleWhere({ admin: false, projectId })] },
      select: { id: true },
    });
    if (!image) throw ZenithError.badRequest(`Image ${id} could not be found.`);
  }
}
