import { ZenithError } from "@zenith/core/errors";
import { say } from "../../../messages.ts";
import type { TTopologyRequest } from "../../../routers/network/topology/topology.types.ts";

/** Who asks: the token's project and whether it may look across projects. */
export interface TopologyScope {
  projectId: string;
  isAdmin: boolean;
}

/**
 * Which graph to read: one project's (its resources plus the shared and
 * external networks it can attach to) or every project's (cloud admins).
 */
export type TopologyView =
  | {
      kind: "project";
      projectId: string;
      /** Another project than the token's (admin only). */
      foreign: boolean;
    }
  | { kind: "all" };

/** Resolves the request against the caller's rights; members may only look at their own project. */
export function viewOf(scope: TopologyScope, request: TTopologyRequest): TopologyView {
  const wantsOther = request.projectId !== undefined && request.projectId !== scope.projectId;
  if ((request.allProjects || wantsOther) && !scope.isAdmin) {
    throw new ZenithError("FORBIDDEN", say("topology.othersAdminOnly"));
  }
  // A named project narrows an all-projects request: the admin view's project filter.
  if (request.projectId !== undefined) {
    return { kind: "project", projectId: request.projectId, foreign: wantsOther };
  }
  if (request.allProjects) return { kind: "all" };
  return { kind: "project", projectId: scope.projectId, foreign: false };
}

/** The project whose change notices concern this view (undefined: any project). */
export function changeKeyOf(view: TopologyView): string | undefined {
  return view.kind === "project" ? view.projectId : undefined;
}
