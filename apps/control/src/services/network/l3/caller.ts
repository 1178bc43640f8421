/**
 * Who is asking, as the network services need it: Neutron shows a project
 * its own resources and an admin everyone's. Services never see HTTP or
 * tokens; handlers build this once from the token's context.
 */
export interface NetworkCaller {
  /** The token's project (null on a system-scoped token). */
  projectId: string | null;
  /** Cloud admin: sees and acts on every project's resources. */
  admin: boolean;
}

/** Prisma `where` fragment: rows the caller may see. */
export function ownedBy(caller: NetworkCaller): { projectId?: string } {
  // A token without a project owns nothing: no project has the empty id.
  return caller.admin ? {} : { projectId: caller.projectId ?? "" };
}

export function canSee(caller: NetworkCaller, row: { projectId: string }): boolean {
  return caller.admin || row.projectId === caller.projectId;
}
