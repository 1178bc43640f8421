/** Desired-state builders shared by the network agent's tests. */
import {
  type DhcpSpec,
  type NetworkDesired,
  type NetworkSpec,
  type PortSpec,
  type RouterSpec,
  tapDeviceName,
} from "@zenith/agent-protocol/network";

export function vxlanNetwork(id: string, vni: number, peers: string[] = []): NetworkSpec {
  return { id, type: "vxlan", segmentationId: vni, physicalNetwork: null, mtu: 1450, external: false, peers };
}

export function port(
  id: string,
  networkId: string,
  opts: Partial<Omit<PortSpec, "id" | "networkId">> & { address?: string; prefixLength?: number } = {},
): PortSpec {
  const { address, prefixLength, ...rest } = opts;
  return {
    id,
    networkId,
    mac: "fa:16:3e:00:00:01",
    device: tapDeviceName(id),
    adminStateUp: true,
    fixedIps:
      address === undefined
        ? []
        : [{ subnetId: "subnet", address, prefixLength: prefixLength ?? 24, ipVersion: 4 }],
    portSecurity: true,
    securityRules: [],
    allowedAddressPairs: [],
    generation: 1,
    ...rest,
  };
}

export function dhcp(networkId: string, generation = 1): DhcpSpec {
  return {
    networkId,
    port: { id: `dhcp-${networkId}`, mac: "fa:16:3e:00:00:99", fixedIps: [] },
    mtu: 1450,
    subnets: [],
    hosts: [],
    metadata: false,
    generation,
  };
}

export function router(id: string, interfaceNetworks: string[], generation = 1): RouterSpec {
  return {
    id,
    adminStateUp: true,
    gateway: null,
    enableSnat: true,
    interfaces: interfaceNetworks.map((networkId, i) => ({
      portId: `${id}-if${i}`,
      networkId,
      mac: "fa:16:3e:00:01:00",
      fixedIps: [],
    })),
    routes: [],
    floatingIps: [],
    generation,
  };
}

export function desired(parts: Partial<Omit<NetworkDesired, "type" | "full">>): NetworkDesired {
  return { type: "desired", full: true, networks: [], ports: [], dhcp: [], routers: [], ...parts };
}
