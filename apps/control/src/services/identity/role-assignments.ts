import { ZenithError } from "@zenith/core/errors";
import { authorize } from "../../policy/authorize.ts";
import type { AuthContext, NamedRef } from "./auth-context.ts";
import type { IdentityDeps } from "./deps.ts";
import type { GrantTargetType } from "./effective-roles.ts";
import { impliedRoleNames } from "./implied-roles.ts";

export interface AssignmentFilter {
  userId?: string | undefined;
  groupId?: string | undefined;
  projectId?: string | undefined;
  domainId?: string | undefined;
  /** "all" for the system scope. */
  system?: string | undefined;
  roleId?: string | undefined;
  effective: boolean;
  includeNames: boolean;
}

/** A name and its owning domain, filled only with include_names. */
export interface Named {
  id: string;
  name?: string;
  domain?: NamedRef;
}

export interface AssignmentRow {
  role: Named;
  actorType: "user" | "group";
  actor: Named;
  scopeType: GrantTargetType;
  scope: Named;
  /** Set on rows an effective listing derived from a group grant. */
  viaGroupId?: string;
  /** Set on rows an effective listing derived through an implied role. */
  priorRoleId?: string;
}

export class RoleAssignmentService {
  constructor(private readonly deps: IdentityDeps) {}

  async list(ctx: AuthContext, filter: AssignmentFilter): Promise<AssignmentRow[]> {
    authorize(ctx, "identity:list_role_assignments");
    if (filter.effective && filter.groupId) {
      throw ZenithError.badRequest(
        "Combining effective and group filter will always result in an empty list.",
      );
    }
    const { prisma } = this.deps;
    const scopeWhere = filter.projectId
      ? { targetType: "project" as const, targetId: filter.projectId }
      : filter.domainId
        ? { targetType: "domain" as const, targetId: filter.domainId }
        : filter.system
          ? { targetType: "system" as const, targetId: filter.system }
          : {};
    let actorWhere: object = {};
    if (filter.groupId) actorWhere = { actorType: "group", actorId: filter.groupId };
    else if (filter.userId) {
      if (filter.effective) {
        const groups = await prisma.groupMembership.findMany({ where: { userId: filter.userId } });
        actorWhere = {
          OR: [
            { actorType: "user", actorId: filter.userId },
            { actorType: "group", actorId: { in: groups.map((g) => g.groupId) } },
          ],
        };
      } else actorWhere = { actorType: "user", actorId: filter.userId };
    }
    const direct = await prisma.roleAssignment.findMany({
      where: { ...scopeWhere, ...actorWhere, inherited: false },
      include: { role: { select: { id: true, name: true } } },
      orderBy: [{ targetType: "asc" }, { targetId: "asc" }, { actorId: "asc" }],
    });
    let rows: Array<AssignmentRow & { roleName: string }> = direct.map((a) => ({
      role: { id: a.roleId },
      roleName: a.role.name,
      actorType: a.actorType,
      actor: { id: a.actorId },
      scopeType: a.targetType,
      scope: { id: a.targetId },
    }));
    if (filter.effective) rows = await this.expand(rows, filter.userId);
    // The role filter applies after expansion, so effective listings find implied roles too.
    if (filter.roleId) rows = rows.filter((r) => r.role.id === filter.roleId);
    const result = rows.map(({ roleName: _, ...row }) => row);
    if (filter.includeNames) await this.addNames(result);
    return result;
  }

  /** Group grants become one row per member; implied roles become rows of their own. */
  private async expand(
    rows: Array<AssignmentRow & { roleName: string }>,
    onlyUserId: string | undefined,
  ): Promise<Array<AssignmentRow & { roleName: string }>> {
    const { prisma } = this.deps;
    const groupIds = [...new Set(rows.filter((r) => r.actorType === "group").map((r) => r.actor.id))];
    const memberships = groupIds.length
      ? await prisma.groupMembership.findMany({ where: { groupId: { in: groupIds } } })
      : [];
    const userRows: Array<AssignmentRow & { roleName: string }> = [];
    for (const row of rows) {
      if (row.actorType === "user") {
        userRows.push(row);
        continue;
      }
      for (const m of memberships) {
        if (m.groupId !== row.actor.id || (onlyUserId && m.userId !== onlyUserId)) continue;
        userRows.push({ ...row, actorType: "user", actor: { id: m.userId }, viaGroupId: row.actor.id });
      }
    }
    const impliedNames = impliedRoleNames(userRows.map((r) => r.roleName));
    const allNames = new Set([...userRows.map((r) => r.roleName), ...impliedNames]);
    const roles = await prisma.role.findMany({ where: { name: { in: [...allNames] } } });
    const byName = new Map(roles.map((r) => [r.name, r]));
    const out: Array<AssignmentRow & { roleName: string }> = [];
    const seen = new Set<string>();
    const push = (row: AssignmentRow & { roleName: string }) => {
      const key = `${row.actor.id}|${row.scopeType}|${row.scope.id}|${row.role.id}`;
      if (seen.has(key)) return;
      seen.add(key);
      out.push(row);
    };
    for (const row of userRows) {
      push(row);
      for (const name of impliedRoleNames([row.roleName])) {
        const implied = byName.get(name);
        if (implied)
          push({ ...row, role: { id: implied.id }, roleName: implied.name, priorRoleId: row.role.id });
      }
    }
    return out;
  }

  /** Fills names with one query per kind, never one per row. */
  private async addNames(rows: AssignmentRow[]): Promise<void> {
    const { prisma } = this.deps;
    const ids = (pick: (r: AssignmentRow) => string | null) => [
      ...new Set(rows.map(pick).filter((v): v is string => v !== null)),
    ];
    const [roles, users, groups, projects, domains] = await Promise.all([
      prisma.role.findMany({ where: { id: { in: ids((r) => r.role.id) } } }),
      prisma.user.findMany({
        where: { id: { in: ids((r) => (r.actorType === "user" ? r.actor.id : null)) } },
      }),
      prisma.group.findMany({
        where: { id: { in: ids((r) => (r.actorType === "group" ? r.actor.id : null)) } },
      }),
      prisma.project.findMany({
        where: { id: { in: ids((r) => (r.scopeType === "project" ? r.scope.id : null)) } },
      }),
      prisma.domain.findMany(),
    ]);
    const domainRef = (id: string): NamedRef => ({ id, name: domains.find((d) => d.id === id)?.name ?? "" });
    const roleMap = new Map(roles.map((r) => [r.id, r]));
    const userMap = new Map(users.map((u) => [u.id, u]));
    const groupMap = new Map(groups.map((g) => [g.id, g]));
    const projectMap = new Map(projects.map((p) => [p.id, p]));
    for (const row of rows) {
      const role = roleMap.get(row.role.id);
      if (role) row.role = { id: role.id, name: role.name };
      const actor = row.actorType === "user" ? userMap.get(row.actor.id) : groupMap.get(row.actor.id);
      if (actor) row.actor = { id: actor.id, name: actor.name, domain: domainRef(actor.domainId) };
      if (row.scopeType === "project") {
        const project = projectMap.get(row.scope.id);
        if (project) row.scope = { id: project.id, name: project.name, domain: domainRef(project.domainId) };
      } else if (row.scopeType === "domain") {
        row.scope = domainRef(row.scope.id);
      }
    }
  }
}
