import { ZenithError } from "@zenith/core/errors";
import type { FastifyInstance, FastifyReply } from "fastify";
import { z } from "zod";
import type { ServerServices } from "../../../services/compute/servers/registry.ts";
import { idParam, parse } from "../../parse.ts";
import { atLeast, type Microversion } from "../microversion.ts";
import type { ComputeRouteEnv } from "../route-env.ts";
import type { ActionRoute } from "./actions.ts";
import { serverRequest } from "./request.ts";

const ZParams = z.object({ id: idParam });
const ZGroupName = z.object({ name: z.string().min(1).max(255) });

type ParseArgs = <S extends z.ZodType>(action: string, schema: S, value: unknown) => z.infer<S>;

/** `addSecurityGroup` / `removeSecurityGroup` (202): the group goes on, or off, every port of the server. */
export function securityGroupActions(
  args: ParseArgs,
  accepted: (reply: FastifyReply) => null,
): Record<string, ActionRoute> {
  return {
    addSecurityGroup: {
      rule: "os_compute_api:os-security-groups:add",
      handle: async ({ caller, servers }, id, a, reply) => {
        const { name } = args("addSecurityGroup", ZGroupName, a);
        await servers.network.addSecurityGroup(caller, id, name);
        return accepted(reply);
      },
    },
    removeSecurityGroup: {
      rule: "os_compute_api:os-security-groups:remove",
      handle: async ({ caller, servers }, id, a, reply) => {
        const { name } = args("removeSecurityGroup", ZGroupName, a);
        await servers.network.removeSecurityGroup(caller, id, name);
        return accepted(reply);
      },
    },
  };
}

/** Nova's os-security-groups rule view (the nova-network shape it still renders from Neutron's rules). */
function renderRule(
  groupId: string,
  r: {
    id: string;
    protocol: string | null;
    portRangeMin: number | null;
    portRangeMax: number | null;
    remoteIpPrefix: string | null;
    remoteGroup: { name: string; projectId: string } | null;
    direction: string;
  },
) {
  const icmp = r.protocol === "icmp";
  return {
    id: r.id,
    parent_group_id: groupId,
    ip_protocol: r.protocol,
    from_port: r.portRangeMin ?? (icmp ? -1 : r.protocol ? 1 : -1),
    to_port: r.portRangeMax ?? (icmp ? -1 : r.protocol ? 65535 : -1),
    ip_range: r.remoteIpPrefix ? { cidr: r.remoteIpPrefix } : r.remoteGroup ? {} : { cidr: "0.0.0.0/0" },
    group: r.remoteGroup ? { name: r.remoteGroup.name, tenant_id: r.remoteGroup.projectId } : {},
  };
}

type GroupRow = Awaited<ReturnType<ServerServices["network"]["projectSecurityGroup"]>>;

function renderGroup(g: GroupRow) {
  return {
    id: g.id,
    name: g.name,
    description: g.description,
    tenant_id: g.projectId,
    // Nova's view lists ingress rules only (nova-network had no egress rules).
    rules: g.rules.filter((r) => r.direction === "ingress").map((r) => renderRule(g.id, r)),
  };
}

/** Nova's security group proxy to Neutron ends at 2.36 (404 from there, as upstream). */
function checkProxyVersion(mv: Microversion): void {
  if (atLeast(mv, 2, 36)) throw ZenithError.notFound("The resource could not be found.");
}

/**
 * `GET /servers/{id}/os-security-groups`, and Nova's deprecated proxy
 * `GET /os-security-groups[/{id}]` (before 2.36), which `openstack server
 * add security group` still uses to find a group by name.
 */
export function registerServerSecurityGroupRoutes(app: FastifyInstance, env: ComputeRouteEnv): void {
  app.get("/compute/v2.1/os-security-groups", async (request, reply) => {
    const { caller, mv, servers } = await serverRequest(
      env,
      request,
      reply,
      "os_compute_api:os-security-groups:get",
    );
    checkProxyVersion(mv);
    return { security_groups: (await servers.network.projectSecurityGroups(caller)).map(renderGroup) };
  });

  app.get("/compute/v2.1/os-security-groups/:id", async (request, reply) => {
    const { caller, mv, servers } = await serverRequest(
      env,
      request,
      reply,
      "os_compute_api:os-security-groups:show",
    );
    checkProxyVersion(mv);
    const { id } = parse(ZParams, request.params);
    return { security_group: renderGroup(await servers.network.projectSecurityGroup(caller, id)) };
  });

  app.get("/compute/v2.1/servers/:id/os-security-groups", async (request, reply) => {
    const { caller, servers } = await serverRequest(
      env,
      request,
      reply,
      "os_compute_api:os-security-groups:list",
    );
    const { id } = parse(ZParams, request.params);
    return { security_groups: (await servers.network.securityGroups(caller, id)).map(renderGroup) };
  });
}
