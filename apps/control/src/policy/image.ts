import { ZenithError } from "@zenith/core/errors";
import { type AuthContext, hasRole, scopedProjectId } from "../services/identity/auth-context.ts";
import { isCloudAdmin } from "./authorize.ts";

/** Image actions, named after Glance's policy rules (they appear in 403 messages). */
export type ImageAction =
  | "get_image"
  | "get_images"
  | "add_image"
  | "modify_image"
  | "delete_image"
  | "upload_image"
  | "download_image"
  | "publicize_image"
  | "communitize_image"
  | "set_image_owner"
  | "get_members"
  | "get_member"
  | "add_member"
  | "modify_member"
  | "delete_member";

/** What the action touches. Visibility (404 for hidden images) is decided before policy. */
export interface ImageTarget {
  /** The image's owning project. */
  ownerId?: string | null;
  /** For member actions: the member project the action is about. */
  memberId?: string;
}

const READ_ONLY = new Set<ImageAction>([
  "get_image",
  "get_images",
  "download_image",
  "get_members",
  "get_member",
]);

/** Actions a project member may take on images its project owns. */
const OWNER_MANAGES = new Set<ImageAction>([
  "modify_image",
  "delete_image",
  "upload_image",
  "communitize_image",
  "add_member",
  "delete_member",
]);

/**
 * Glance's secure-RBAC defaults, reduced to this cloud's roles (admin ⊃
 * member ⊃ reader, already expanded in the token):
 * - cloud admins do anything, including publishing images;
 * - readers of a project read what their project can see;
 * - members also create images and manage the ones their project owns;
 * - a member project answers its own membership (accept / reject).
 */
export function isImageAllowed(ctx: AuthContext, action: ImageAction, target: ImageTarget = {}): boolean {
  if (isCloudAdmin(ctx)) return true;
  const project = scopedProjectId(ctx);
  // Images belong to projects: without a project scope there is nothing of yours to act on.
  if (project === null) return false;
  if (READ_ONLY.has(action)) return hasRole(ctx, "reader");
  if (!hasRole(ctx, "member")) return false;
  if (action === "add_image") return true;
  if (action === "modify_member") return target.memberId === project;
  if (OWNER_MANAGES.has(action)) return target.ownerId === project;
  return false;
}

/** Throws Glance's 403 unless the action is allowed. */
export function authorizeImage(ctx: AuthContext, action: ImageAction, target: ImageTarget = {}): void {
  if (!isImageAllowed(ctx, action, target)) {
    throw new ZenithError("FORBIDDEN", `You are not authorized to perform the requested action: ${action}.`);
  }
}
