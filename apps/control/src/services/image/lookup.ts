import { ZenithError } from "@zenith/core/errors";
import type { PrismaClient } from "@zenith/db/client";
import type { Image } from "@zenith/db/generated";
import { isCloudAdmin } from "../../policy/authorize.ts";
import { type AuthContext, scopedProjectId } from "../identity/auth-context.ts";
import { type Viewer, visibleWhere } from "./visibility.ts";

export function viewerOf(ctx: AuthContext): Viewer {
  const projectId = scopedProjectId(ctx);
  if (isCloudAdmin(ctx)) return { admin: true, projectId };
  // Policy has already refused unscoped tokens; this keeps the type honest.
  if (projectId === null) throw new ZenithError("FORBIDDEN", "A project-scoped token is required.");
  return { admin: false, projectId };
}

export function imageNotFound(id: string): ZenithError {
  return ZenithError.notFound(`No image found with ID ${id}`);
}

/** A live image the caller may see, or 404 (also for other projects' private images). */
export async function findVisibleImage(prisma: PrismaClient, viewer: Viewer, id: string): Promise<Image> {
  const image = await prisma.image.findFirst({
    where: { AND: [{ id, deletedAt: null }, visibleWhere(viewer)] },
  });
  if (!image) throw imageNotFound(id);
  return image;
}
