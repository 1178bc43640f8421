import type { AuthContext } from "../services/identity/auth-context.ts";
import { evaluate, notAuthorized, type Rule, type RuleTable } from "./evaluate.ts";

const ADMIN: readonly Rule[] = ["cloud_admin"];
/** Images belong to projects: without a project scope there is nothing of yours to act on. */
const READER: readonly Rule[] = ["cloud_admin", "scoped_reader"];
const MEMBER: readonly Rule[] = ["cloud_admin", "scoped_member"];
/** A member of the project the target names (the owner, or for member answers the member project). */
const TARGET_MEMBER: readonly Rule[] = ["cloud_admin", "project_member"];

/**
 * Glance's secure-RBAC defaults, reduced to this cloud's roles (admin ⊃
 * member ⊃ reader, already expanded in the token):
 * - cloud admins do anything, including publishing images;
 * - readers of a project read what their project can see (visibility, 404
 *   for hidden images, is decided before policy);
 * - members also create images and manage the ones their project owns;
 * - a member project answers its own membership (accept / reject).
 */
export const IMAGE_RULES = {
  get_image: READER,
  get_images: READER,
  download_image: READER,
  get_members: READER,
  get_member: READER,
  add_image: MEMBER,
  modify_image: TARGET_MEMBER,
  delete_image: TARGET_MEMBER,
  upload_image: TARGET_MEMBER,
  communitize_image: TARGET_MEMBER,
  add_member: TARGET_MEMBER,
  delete_member: TARGET_MEMBER,
  modify_member: TARGET_MEMBER,
  publicize_image: ADMIN,
  set_image_owner: ADMIN,
} as const satisfies RuleTable<string>;

/** Image actions, named after Glance's policy rules (they appear in 403 messages). */
export type ImageAction = keyof typeof IMAGE_RULES;

/** What the action touches. */
export interface ImageTarget {
  /** The image's owning project. */
  ownerId?: string | null;
  /** For member actions: the member project the action is about. */
  memberId?: string;
}

export function isImageAllowed(ctx: AuthContext, action: ImageAction, target: ImageTarget = {}): boolean {
  // The project a TARGET_MEMBER rule compares with the token: who answers a membership is the member.
  const projectId = action === "modify_member" ? target.memberId : (target.ownerId ?? undefined);
  return evaluate(ctx, IMAGE_RULES[action], { projectId });
}

/** Throws Glance's 403 unless the action is allowed. */
export function authorizeImage(ctx: AuthContext, action: ImageAction, target: ImageTarget = {}): void {
  if (!isImageAllowed(ctx, action, target)) throw notAuthorized(action);
}
