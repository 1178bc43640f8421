import type { FastifyInstance, FastifyReply } from "fastify";
import { z } from "zod";
import { idParam, parse } from "../../parse.ts";
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

/** `GET /servers/{id}/os-security-groups`. */
export function registerServerSecurityGroupRoutes(app: FastifyInstance, env: ComputeRouteEnv): void {
  app.get("/compute/v2.1/servers/:id/os-security-groups", async (request, reply) => {
    const { caller, servers } = await serverRequest(
      env,
      request,
      reply,
      "os_compute_api:os-security-groups:list",
    );
    const { id } = parse(ZParams, request.params);
    const groups = await servers.network.securityGroups(caller, id);
    return {
      security_groups: groups.map((g) => ({
        id: g.id,
        name: g.name,
        description: g.description,
        tenant_id: g.projectId,
        // Nova's view lists ingress rules only (nova-network had no egress rules).
        rules: g.rules.filter((r) => r.direction === "ingress").map((r) => renderRule(g.id, r)),
      })),
    };
  });
}
