import { isOpenStackError } from "@zenith/api-client/http";
import type { NeutronClient, Router, RouterCreate } from "@zenith/api-client/neutron";
import { fieldError, ZenithError } from "@zenith/core/errors";
import { say } from "../../messages.ts";
import type { Cloud } from "../cloud/clients.ts";
import { announceNetworkChange } from "./changes.ts";
import { type NetworkScope, projectOf } from "./router-dto.ts";
import { interfacePorts } from "./router-joins.ts";

/**
 * Router changes. Each returns the router's project so the caller (and the
 * topology bus) knows whose graph changed: an admin may act on another
 * project's router. Neutron decides every permission (404 for another
 * project's router or subnet); its messages reach the form unchanged.
 */

export interface RouterRef {
  id: string;
  name: string;
  projectId: string;
}

function refOf(router: Router): RouterRef {
  return { id: router.id, name: router.name, projectId: projectOf(router) };
}

function changed(router: Router): RouterRef {
  const ref = refOf(router);
  announceNetworkChange(ref.projectId);
  return ref;
}

/** Neutron's policy makes enable_snat admin-only: refused here with the field named, not silently dropped. */
function requireAdminForSnat(scope: NetworkScope, enableSnat: boolean | undefined): void {
  if (enableSnat !== undefined && !scope.isAdmin) {
    throw new ZenithError("FORBIDDEN", say("router.snatAdminOnly"), {
      fields: [fieldError("enableSnat", say("router.snatAdminOnlyField"))],
    });
  }
}

function gatewayInfo(scope: NetworkScope, networkId: string, enableSnat: boolean | undefined) {
  // Members never send enable_snat (requireAdminForSnat): Neutron's default (on) applies.
  return scope.isAdmin && enableSnat !== undefined
    ? { network_id: networkId, enable_snat: enableSnat }
    : { network_id: networkId };
}

export async function createRouter(
  cloud: Cloud,
  scope: NetworkScope,
  input: {
    name: string;
    description?: string | undefined;
    adminStateUp: boolean;
    externalNetworkId?: string | undefined;
    enableSnat?: boolean | undefined;
  },
): Promise<RouterRef> {
  requireAdminForSnat(scope, input.enableSnat);
  const neutron = await cloud.neutron();
  const body: RouterCreate = { name: input.name, admin_state_up: input.adminStateUp };
  if (input.description !== undefined) body.description = input.description;
  if (input.externalNetworkId)
    body.external_gateway_info = gatewayInfo(scope, input.externalNetworkId, input.enableSnat);
  return changed(await neutron.routers.create(body));
}

export async function updateRouter(
  cloud: Cloud,
  input: {
    id: string;
    name?: string | undefined;
    description?: string | undefined;
    adminStateUp?: boolean | undefined;
  },
): Promise<RouterRef> {
  const neutron = await cloud.neutron();
  const body: { name?: string; description?: string; admin_state_up?: boolean } = {};
  if (input.name !== undefined) body.name = input.name;
  if (input.description !== undefined) body.description = input.description;
  if (input.adminStateUp !== undefined) body.admin_state_up = input.adminStateUp;
  return changed(await neutron.routers.update(input.id, body));
}

export async function setRouterGateway(
  cloud: Cloud,
  scope: NetworkScope,
  input: { id: string; externalNetworkId: string; enableSnat?: boolean | undefined },
): Promise<RouterRef> {
  requireAdminForSnat(scope, input.enableSnat);
  const neutron = await cloud.neutron();
  const router = await neutron.routers.update(input.id, {
    external_gateway_info: gatewayInfo(scope, input.externalNetworkId, input.enableSnat),
  });
  return changed(router);
}

export async function clearRouterGateway(cloud: Cloud, id: string): Promise<RouterRef> {
  const neutron = await cloud.neutron();
  return changed(await neutron.routers.update(id, { external_gateway_info: null }));
}

/**
 * By subnet, the interface takes the subnet's gateway address. With a
 * chosen address a port holding it is created first (in the router's
 * project) and attached; if attaching fails the port is removed again, so
 * a refused request leaves nothing behind.
 */
export async function addRouterInterface(
  cloud: Cloud,
  scope: NetworkScope,
  input: { routerId: string; subnetId: string; ipAddress?: string | undefined },
): Promise<RouterRef & { portId: string }> {
  const neutron = await cloud.neutron();
  const router = await neutron.routers.get(input.routerId);
  if (!input.ipAddress) {
    const added = await neutron.routers.addInterface(router.id, { subnet_id: input.subnetId });
    return { ...changed(router), portId: added.port_id };
  }
  const subnet = await neutron.subnets.get(input.subnetId);
  const port = await neutron.ports
    .create({
      network_id: subnet.network_id,
      fixed_ips: [{ subnet_id: subnet.id, ip_address: input.ipAddress }],
      ...(scope.isAdmin && projectOf(router) !== scope.projectId ? { project_id: projectOf(router) } : {}),
    })
    .catch((err: unknown) => {
      throw asFieldError(err, "ipAddress");
    });
  try {
    const added = await neutron.routers.addInterface(router.id, { port_id: port.id });
    return { ...changed(router), portId: added.port_id };
  } catch (err) {
    await neutron.ports.delete(port.id).catch(() => undefined);
    throw err;
  }
}

/** An upstream refusal of one field (a taken or out-of-range address) shown under that field. */
function asFieldError(err: unknown, path: string): unknown {
  if (!isOpenStackError(err) || err.status >= 500 || err.status === 401) return err;
  const code = err.status === 409 ? "CONFLICT" : err.status === 404 ? "NOT_FOUND" : "BAD_REQUEST";
  return new ZenithError(code, err.message, { fields: [{ path, message: err.message }], cause: err });
}

export async function removeRouterInterface(
  cloud: Cloud,
  input: { routerId: string; subnetId?: string | undefined; portId?: string | undefined },
): Promise<RouterRef> {
  const neutron = await cloud.neutron();
  const router = await neutron.routers.get(input.routerId);
  const target = input.portId ? { port_id: input.portId } : { subnet_id: input.subnetId ?? "" };
  await neutron.routers.removeInterface(router.id, target);
  return changed(router);
}

export async function setRouterRoutes(
  cloud: Cloud,
  input: { id: string; routes: { destination: string; nexthop: string }[] },
): Promise<RouterRef> {
  const neutron = await cloud.neutron();
  return changed(await neutron.routers.update(input.id, { routes: input.routes }));
}

/**
 * Neutron refuses to delete a router that still has interfaces (409
 * RouterInUse, naming only ids); the refusal is reworded to name the
 * subnets and say what to do.
 */
export async function deleteRouter(cloud: Cloud, id: string): Promise<RouterRef> {
  const neutron = await cloud.neutron();
  const router = await neutron.routers.get(id);
  try {
    await neutron.routers.delete(id);
  } catch (err) {
    if (isOpenStackError(err) && err.status === 409) throw await inUseError(neutron, router, err);
    throw err;
  }
  return changed(router);
}

async function inUseError(neutron: NeutronClient, router: Router, cause: Error): Promise<ZenithError> {
  const ports = await interfacePorts(neutron, [router.id]).catch(() => []);
  if (ports.length === 0) return new ZenithError("CONFLICT", cause.message, { cause });
  const ips = ports.flatMap((p) => p.fixed_ips.map((ip) => ip.ip_address));
  return new ZenithError(
    "CONFLICT",
    say("router.hasInterfaces", {
      router: router.name || router.id,
      count: ports.length,
      addresses: ips.join(", "),
    }),
    { cause },
  );
}
