import type { Network, Port } from "@zenith/api-client/neutron";
import type { Server } from "@zenith/api-client/nova";
import { describe, expect, it } from "vitest";
import { ipAddressesOf } from "../src/services/compute/instance-dto.ts";
import { novaNetworks } from "../src/services/compute/launch.ts";
import { isFreePort, isUsableNetwork } from "../src/services/compute/launch-networks.ts";

function network(patch: Partial<Network>): Network {
  return { id: "n", name: "n", status: "ACTIVE", admin_state_up: true, shared: false, subnets: [], ...patch };
}
function port(patch: Partial<Port>): Port {
  return {
    id: "p",
    name: "",
    network_id: "n",
    mac_address: "fa:16:3e:00:00:01",
    admin_state_up: true,
    status: "DOWN",
    device_id: "",
    device_owner: "",
    fixed_ips: [],
    security_groups: [],
    project_id: "mine",
    ...patch,
  };
}

describe("which networks an instance may use", () => {
  it("takes the project's own and shared ones, an external one only when shared", () => {
    expect(isUsableNetwork(network({ project_id: "mine" }), "mine")).toBe(true);
    expect(isUsableNetwork(network({ project_id: "theirs" }), "mine")).toBe(false);
    expect(isUsableNetwork(network({ project_id: "theirs", shared: true }), "mine")).toBe(true);
    expect(isUsableNetwork(network({ project_id: "mine", "router:external": true }), "mine")).toBe(false);
    expect(isUsableNetwork(network({ project_id: "x", "router:external": true, shared: true }), "mine")).toBe(
      true,
    );
  });
  it("offers only the project's ports that nothing uses", () => {
    expect(isFreePort(port({}), "mine")).toBe(true);
    expect(isFreePort(port({ device_id: "vm", device_owner: "compute:nova" }), "mine")).toBe(false);
    expect(isFreePort(port({ device_owner: "network:dhcp" }), "mine")).toBe(false);
    expect(isFreePort(port({ project_id: "theirs" }), "mine")).toBe(false);
  });
});

describe("launch networks as Nova takes them", () => {
  it("keeps the order, maps networks to uuid and ports to port", () => {
    expect(novaNetworks([{ portId: "p1" }, { networkId: "n1" }])).toEqual([{ port: "p1" }, { uuid: "n1" }]);
    expect(novaNetworks("none")).toBe("none");
    expect(novaNetworks(undefined)).toBe("auto");
  });
});

describe("addresses of a server", () => {
  it("lists fixed before floating with their network", () => {
    const server: Pick<Server, "addresses"> = {
      addresses: {
        private: [
          { addr: "172.24.4.9", version: 4, "OS-EXT-IPS:type": "floating" },
          { addr: "10.0.0.5", version: 4, "OS-EXT-IPS:type": "fixed" },
        ],
        net2: [{ addr: "192.168.7.3", version: 4, "OS-EXT-IPS:type": "fixed" }],
      },
    };
    expect(ipAddressesOf(server)).toEqual([
      { address: "10.0.0.5", network: "private", floating: false },
      { address: "192.168.7.3", network: "net2", floating: false },
      { address: "172.24.4.9", network: "private", floating: true },
    ]);
  });
});
