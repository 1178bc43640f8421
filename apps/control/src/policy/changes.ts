import type { ChangeNotice, NoticeFilter } from "../services/changes/feed.ts";
import { type AuthContext, scopedProjectId } from "../services/identity/auth-context.ts";
import { evaluate, isCloudAdmin, notAuthorized, type Rule } from "./evaluate.ts";

const LIST_CHANGES: readonly Rule[] = ["cloud_admin", "scoped_reader", "scoped_member"];

/**
 * Which change notices the caller may hear, or 403. A cloud admin hears
 * every project's (its views span projects); a project-scoped token hears
 * its own project's and those of rows every project sees (shared and
 * external networks). A notice says only "look again", yet another
 * project's would still tell when that project is busy, so it stays hidden.
 */
export function changeFilterFor(ctx: AuthContext): NoticeFilter {
  if (!evaluate(ctx, LIST_CHANGES)) throw notAuthorized("zenith:list_changes");
  if (isCloudAdmin(ctx)) return () => true;
  const project = scopedProjectId(ctx);
  return (n: ChangeNotice) => n.projectId === null || n.projectId === project;
}
