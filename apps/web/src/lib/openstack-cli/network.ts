/** `openstack network|subnet|router|floating ip|security group …` commands. */
import { type CliLine, type CliScript, cmd, comment, opt, repeat, textOrNote } from "./script";

export interface SubnetInput {
  name?: string;
  cidr: string;
  gatewayIp?: string;
  noGateway?: boolean;
  enableDhcp?: boolean;
  dnsNameservers?: readonly string[];
  allocationPools?: readonly { start: string; end: string }[];
  hostRoutes?: readonly { destination: string; nexthop: string }[];
}

/** The subnet fields as a form holds them (one entry a line), e.g. `subnet.cidr` with prefix `subnet.`. */
export function subnetFromForm(values: Readonly<Record<string, string>>, prefix = ""): SubnetInput {
  const get = (k: string) => values[`${prefix}${k}`] ?? "";
  const lines = (k: string, commas = false) =>
    get(k)
      .split(commas ? /[\n,]/ : /\n/)
      .map((l) => l.trim())
      .filter(Boolean);
  return {
    name: get("name"),
    cidr: get("cidr"),
    gatewayIp: get("gatewayIp"),
    noGateway: get("noGateway") === "on",
    enableDhcp: get("enableDhcp") === "on",
    dnsNameservers: lines("dnsNameservers", true),
    allocationPools: lines("allocationPools").map((l) => {
      const [start = "", end = ""] = l.split(/\s*[-,]\s*|\s+/);
      return { start, end };
    }),
    hostRoutes: lines("hostRoutes").map((l) => {
      const [destination = "", nexthop = ""] = l.split(/\s*,\s*|\s+via\s+|\s+/);
      return { destination, nexthop };
    }),
  };
}

/** `network` is the network's ID, or its name when the network is made by the same script. */
export function subnetCreate(network: string, s: SubnetInput): CliLine {
  const cidr = s.cidr.trim();
  return cmd(
    "subnet",
    "create",
    opt("--network", network || "<network>"),
    opt("--subnet-range", cidr || "<cidr>"),
    cidr.includes(":") ? ["--ip-version", "6"] : [],
    s.noGateway ? ["--gateway", "none"] : opt("--gateway", s.gatewayIp),
    s.enableDhcp === false ? "--no-dhcp" : "--dhcp",
    repeat("--dns-nameserver", s.dnsNameservers),
    (s.allocationPools ?? []).flatMap((p) => ["--allocation-pool", `start=${p.start},end=${p.end}`]),
    (s.hostRoutes ?? []).flatMap((r) => [
      "--host-route",
      `destination=${r.destination},gateway=${r.nexthop}`,
    ]),
    // Neutron subnets may be nameless; the CLI insists on a name argument.
    s.name?.trim() || `${network || "network"}-subnet`,
  );
}

export interface NetworkCreateInput {
  name: string;
  description?: string;
  adminStateUp?: boolean;
  /** Admin only. */
  shared?: boolean;
  external?: boolean;
  projectId?: string;
  provider?: { networkType?: string; physicalNetwork?: string; segmentationId?: string | number };
  /** The first subnet, made in the same dialog. */
  subnet?: SubnetInput;
}

export function networkCreate(n: NetworkCreateInput): CliScript {
  const name = n.name.trim() || "<name>";
  const lines: CliLine[] = [
    cmd(
      "network",
      "create",
      opt("--description", n.description),
      n.adminStateUp === false ? "--disable" : [],
      n.shared ? "--share" : [],
      n.external ? "--external" : [],
      opt("--project", n.projectId),
      opt("--provider-network-type", n.provider?.networkType),
      opt("--provider-physical-network", n.provider?.physicalNetwork),
      opt("--provider-segment", n.provider?.segmentationId),
      name,
    ),
  ];
  if (n.subnet) {
    // The new network has no ID yet: the subnet names it (unique within the project right after creation).
    lines.push(subnetCreate(name, n.subnet));
  }
  return lines;
}

export function networkSet(input: {
  networkId: string;
  name: string;
  description: string;
  adminStateUp: boolean;
  shared?: boolean;
}): CliScript {
  const description = textOrNote("--description", input.description, "description");
  return [
    ...description.notes,
    cmd(
      "network",
      "set",
      opt("--name", input.name),
      description.args,
      input.adminStateUp ? "--enable" : "--disable",
      input.shared === undefined ? [] : input.shared ? "--share" : "--no-share",
      input.networkId,
    ),
  ];
}

export function subnetSet(input: {
  subnetId: string;
  name: string;
  gatewayIp?: string;
  noGateway?: boolean;
  enableDhcp: boolean;
  dnsNameservers: readonly string[];
  allocationPools: readonly { start: string; end: string }[];
  hostRoutes: readonly { destination: string; nexthop: string }[];
}): CliScript {
  return [
    cmd(
      "subnet",
      "set",
      ["--name", input.name],
      input.noGateway ? ["--gateway", "none"] : opt("--gateway", input.gatewayIp),
      input.enableDhcp ? "--dhcp" : "--no-dhcp",
      // --no-* clears the lists first, so the command sets exactly what the form holds.
      "--no-dns-nameservers",
      repeat("--dns-nameserver", input.dnsNameservers),
      input.allocationPools.length > 0
        ? input.allocationPools.flatMap((p) => ["--allocation-pool", `start=${p.start},end=${p.end}`])
        : [],
      "--no-host-route",
      input.hostRoutes.flatMap((r) => ["--host-route", `destination=${r.destination},gateway=${r.nexthop}`]),
      input.subnetId,
    ),
  ];
}

export function routerCreate(input: {
  name: string;
  description?: string;
  externalNetworkId?: string;
  enableSnat?: boolean;
  adminStateUp?: boolean;
}): CliScript {
  return [
    cmd(
      "router",
      "create",
      opt("--description", input.description),
      input.adminStateUp === false ? "--disable" : [],
      opt("--external-gateway", input.externalNetworkId),
      input.externalNetworkId?.trim() && input.enableSnat !== undefined
        ? input.enableSnat
          ? "--enable-snat"
          : "--disable-snat"
        : [],
      input.name.trim() || "<name>",
    ),
  ];
}

export function routerSet(input: {
  routerId: string;
  name: string;
  description: string;
  adminStateUp: boolean;
}): CliScript {
  return [
    cmd(
      "router",
      "set",
      opt("--name", input.name),
      ["--description", input.description],
      input.adminStateUp ? "--enable" : "--disable",
      input.routerId,
    ),
  ];
}

export function routerSetGateway(input: {
  routerId: string;
  externalNetworkId: string;
  enableSnat?: boolean;
}): CliScript {
  return [
    cmd(
      "router",
      "set",
      opt("--external-gateway", input.externalNetworkId || "<external-network>"),
      input.enableSnat === undefined ? [] : input.enableSnat ? "--enable-snat" : "--disable-snat",
      input.routerId,
    ),
  ];
}

export function routerUnsetGateway(routerId: string): CliScript {
  return [cmd("router", "unset", "--external-gateway", routerId)];
}

export function routerAddSubnet(input: {
  routerId: string;
  subnetId: string;
  ipAddress?: string;
}): CliScript {
  if (input.ipAddress?.trim()) {
    // A chosen address needs a port with that fixed IP first; the CLI cannot do it in one command.
    return [
      cmd(
        "port",
        "create",
        "--network",
        "<network-of-the-subnet>",
        "--fixed-ip",
        `subnet=${input.subnetId},ip-address=${input.ipAddress.trim()}`,
        "router-port",
      ),
      cmd("router", "add", "port", input.routerId, "router-port"),
    ];
  }
  return [cmd("router", "add", "subnet", input.routerId, input.subnetId || "<subnet>")];
}

export function routerDelete(routerId: string): CliScript {
  return [cmd("router", "delete", routerId)];
}

export function networkDelete(networkId: string): CliScript {
  return [cmd("network", "delete", networkId)];
}

export function floatingIpCreate(input: { externalNetworkId: string; description?: string }): CliScript {
  return [
    cmd(
      "floating",
      "ip",
      "create",
      opt("--description", input.description),
      input.externalNetworkId || "<external-network>",
    ),
  ];
}

export function floatingIpAssociate(input: {
  floatingIpId: string;
  portId: string;
  fixedIp?: string;
}): CliScript {
  return [
    cmd(
      "floating",
      "ip",
      "set",
      opt("--port", input.portId || "<port>"),
      opt("--fixed-ip-address", input.fixedIp),
      input.floatingIpId,
    ),
  ];
}

export function floatingIpDisassociate(floatingIpId: string): CliScript {
  return [cmd("floating", "ip", "unset", "--port", floatingIpId)];
}

export function securityGroupCreate(input: { name: string; description?: string }): CliScript {
  return [
    cmd(
      "security",
      "group",
      "create",
      opt("--description", input.description),
      input.name.trim() || "<name>",
    ),
  ];
}

export function securityGroupSet(input: { groupId: string; name: string; description: string }): CliScript {
  return [
    cmd(
      "security",
      "group",
      "set",
      opt("--name", input.name),
      ["--description", input.description],
      input.groupId,
    ),
  ];
}

export interface RuleSpec {
  direction: "ingress" | "egress";
  protocol: "any" | "tcp" | "udp" | "icmp";
  /** TCP/UDP: the port range; ICMP: type and code. */
  portRangeMin: number | string | null;
  portRangeMax: number | string | null;
}

export function securityGroupRuleCreate(input: {
  groupId: string;
  rules: readonly RuleSpec[];
  ethertype: "IPv4" | "IPv6";
  remote: { kind: "cidr"; cidr: string } | { kind: "group"; groupId: string };
  description?: string;
}): CliScript {
  return input.rules.map((r) => {
    const min = r.portRangeMin === null ? "" : String(r.portRangeMin).trim();
    const max = r.portRangeMax === null ? "" : String(r.portRangeMax).trim();
    const ports =
      r.protocol === "tcp" || r.protocol === "udp"
        ? min
          ? ["--dst-port", max && max !== min ? `${min}:${max}` : min]
          : []
        : r.protocol === "icmp"
          ? [...opt("--icmp-type", min), ...opt("--icmp-code", max)]
          : [];
    return cmd(
      "security",
      "group",
      "rule",
      "create",
      r.direction === "egress" ? "--egress" : "--ingress",
      ["--ethertype", input.ethertype],
      ["--protocol", r.protocol],
      ports,
      input.remote.kind === "group"
        ? opt("--remote-group", input.remote.groupId || "<security-group>")
        : opt("--remote-ip", input.remote.cidr || (input.ethertype === "IPv6" ? "::/0" : "0.0.0.0/0")),
      opt("--description", input.description),
      input.groupId,
    );
  });
}

/** A field the CLI has no flag for: said as a comment rather than dropped. */
export function unsupported(what: string): CliLine {
  return comment(`${what}: the openstack CLI has no option for this; set it in the portal or the API.`);
}

export function routerRemovePort(input: { routerId: string; portId: string }): CliScript {
  return [cmd("router", "remove", "port", input.routerId, input.portId)];
}
