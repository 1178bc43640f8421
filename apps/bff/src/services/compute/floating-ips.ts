import { fieldError, ZenithError } from "@zenith/core/errors";
import { Address4 } from "ip-address";
import { say } from "../../messages.ts";
import type { Cloud } from "../cloud/clients.ts";
import { portsOf, serverOf } from "./interfaces.ts";
import { launchNetworkOptions } from "./launch-networks.ts";

/** Floating IPs for an instance's port: pick a free one of the project, or allocate from a pool. */

export interface AddFloatingIpInput {
  id: string;
  portId: string;
  floatingIpId?: string | undefined;
  poolNetworkId?: string | undefined;
  /** Which of the port's fixed IPs; default its first IPv4 one (floating IPs are IPv4). */
  fixedIp?: string | undefined;
}

function isIpv4(address: string): boolean {
  return Address4.isValid(address);
}

/** The free floating IPs of the instance's project and the external networks to allocate from. */
export async function floatingIpChoices(cloud: Cloud, projectId: string) {
  const neutron = await cloud.neutron();
  const [floatingIps, pools] = await Promise.all([
    neutron.floatingIps.listAll({ project_id: projectId }),
    neutron.networks.listAll({ "router:external": true }),
  ]);
  return {
    freeFloatingIps: floatingIps
      .filter((f) => f.port_id === null && (f.project_id ?? f.tenant_id) === projectId)
      .map((f) => ({ id: f.id, address: f.floating_ip_address, networkId: f.floating_network_id }))
      .sort((a, b) => a.address.localeCompare(b.address, undefined, { numeric: true })),
    pools: pools
      .filter((n) => n["router:external"] === true)
      .map((n) => ({ id: n.id, name: n.name ? n.name : n.id })),
  };
}

/** `callerProjectId`: the session's project; an admin acting on another project's instance allocates there. */
export async function addFloatingIp(cloud: Cloud, callerProjectId: string, input: AddFloatingIpInput) {
  const server = await serverOf(cloud, input.id);
  const neutron = await cloud.neutron();
  const port = (await portsOf(neutron, input.id)).find((p) => p.id === input.portId);
  if (!port)
    throw ZenithError.notFound(say("compute.portNotAttached", { port: input.portId, instance: server.name }));
  const fixedIp = input.fixedIp ?? port.fixed_ips.map((f) => f.ip_address).find(isIpv4);
  if (fixedIp === undefined || !port.fixed_ips.some((f) => f.ip_address === fixedIp)) {
    throw ZenithError.badRequest(say("compute.choosePortIpv4"), [
      fieldError("fixedIp", say("compute.notPortIpv4")),
    ]);
  }
  const floatingIp =
    input.floatingIpId !== undefined
      ? await neutron.floatingIps.update(input.floatingIpId, { port_id: port.id, fixed_ip_address: fixedIp })
      : await neutron.floatingIps.create({
          floating_network_id: input.poolNetworkId ?? "",
          port_id: port.id,
          fixed_ip_address: fixedIp,
          ...(server.tenant_id === callerProjectId ? {} : { project_id: server.tenant_id }),
        });
  return {
    projectId: server.tenant_id,
    floatingIp: { id: floatingIp.id, address: floatingIp.floating_ip_address },
  };
}

/** Disassociates a floating IP of this instance, and releases it to the pool when asked. */
export async function removeFloatingIp(
  cloud: Cloud,
  input: { id: string; floatingIpId: string; release?: boolean | undefined },
) {
  const server = await serverOf(cloud, input.id);
  const neutron = await cloud.neutron();
  const [floatingIp, ports] = await Promise.all([
    neutron.floatingIps.get(input.floatingIpId),
    portsOf(neutron, input.id),
  ]);
  if (floatingIp.port_id === null || !ports.some((p) => p.id === floatingIp.port_id)) {
    throw ZenithError.badRequest(
      say("compute.floatingIpNotAssociated", {
        address: floatingIp.floating_ip_address,
        instance: server.name,
      }),
    );
  }
  await neutron.floatingIps.update(floatingIp.id, { port_id: null });
  if (input.release) await neutron.floatingIps.delete(floatingIp.id);
  return { projectId: server.tenant_id };
}

/** What the Interfaces tab's dialogs offer, in the instance's project (an admin may open another project's instance). */
export async function interfaceChoices(cloud: Cloud, serverId: string) {
  const projectId = (await serverOf(cloud, serverId)).tenant_id;
  const [network, floating] = await Promise.all([
    launchNetworkOptions(cloud, projectId),
    floatingIpChoices(cloud, projectId),
  ]);
  return { ...network, ...floating };
}
