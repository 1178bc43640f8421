import type { Prisma } from "@zenith/db/client";
import type { MemberStatus, Visibility } from "./attributes.ts";

/** Who is looking: the token's project, or everything for a cloud admin. */
export type Viewer = { admin: true; projectId: string | null } | { admin: false; projectId: string };

/**
 * Images a project may address by id (Glance's `is_image_visible`): public
 * and community ones, its own, and shared ones it is a member of in any
 * member status. Everything else is 404, never 403, so ids do not leak.
 */
export function visibleWhere(viewer: Viewer): Prisma.ImageWhereInput {
  if (viewer.admin) return {};
  const project = viewer.projectId;
  return {
    OR: [
      { visibility: { in: ["public", "community"] } },
      { ownerId: project },
      { visibility: "shared", members: { some: { memberId: project } } },
    ],
  };
}

export interface ListVisibility {
  visibility?: Visibility | "all" | undefined;
  memberStatus?: MemberStatus | "all" | undefined;
}

/**
 * What a listing shows (Glance's `_make_conditions_from_filters`): without
 * a visibility filter a project sees public images, its own, and shared
 * ones it accepted; community images only when asked for by name; pending
 * or rejected shares only when `member_status` asks for them.
 */
export function listWhere(viewer: Viewer, filter: ListVisibility): Prisma.ImageWhereInput {
  if (viewer.admin) {
    return filter.visibility && filter.visibility !== "all" ? { visibility: filter.visibility } : {};
  }
  const project = viewer.projectId;
  const status = filter.memberStatus ?? "accepted";
  const member: Prisma.ImageMemberWhereInput =
    status === "all" ? { memberId: project } : { memberId: project, status };
  const sharedWithMe: Prisma.ImageWhereInput = { visibility: "shared", members: { some: member } };
  const own: Prisma.ImageWhereInput = { ownerId: project };
  switch (filter.visibility) {
    case undefined:
      return { OR: [{ visibility: "public" }, own, sharedWithMe] };
    case "all":
      return { OR: [{ visibility: { in: ["public", "community"] } }, own, sharedWithMe] };
    case "public":
    case "community":
      return { visibility: filter.visibility };
    case "private":
      return { visibility: "private", ownerId: project };
    case "shared":
      return { visibility: "shared", OR: [own, { members: { some: member } }] };
  }
}
