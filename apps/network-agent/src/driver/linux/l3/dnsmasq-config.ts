/**
 * What dnsmasq is started with for one network. Pure: the same spec always
 * renders the same argv and files, which is how `ensureDhcp` knows whether
 * a running dnsmasq is right (argv) or only needs a SIGHUP (files).
 */
import type { DhcpSpec } from "@zenith/agent-protocol/network";
import { ipv4Range, isIPv4, normalizeCidr } from "./ipmath.ts";
import { METADATA_ADDRESS } from "./names.ts";

export interface DnsmasqPaths {
  pidFile: string;
  hostsFile: string;
  optsFile: string;
  logFile: string;
}

export interface DnsmasqConfig {
  argv: string[];
  hosts: string;
  opts: string;
}

const LEASE_TIME = "86400s";

/** A single DNS label: dnsmasq ignores names with dots outside its domain, and the files are comma-separated. */
export function dhcpHostname(name: string): string | null {
  const label = (name.split(".")[0] ?? "")
    .replace(/[^A-Za-z0-9-]/g, "-")
    .replace(/^-+|-+$/g, "")
    .slice(0, 63);
  return label === "" ? null : label;
}

const tag = (subnetId: string): string => `subnet-${subnetId.replace(/[^A-Za-z0-9-]/g, "")}`;

export function renderDnsmasq(spec: DhcpSpec, device: string, paths: DnsmasqPaths): DnsmasqConfig {
  const subnets = spec.subnets.filter((s) => s.ipVersion === 4);
  const argv = [
    "dnsmasq",
    // Nothing from the host's own /etc/dnsmasq.conf, /etc/hosts or resolv.conf.
    "--conf-file=/dev/null",
    "--no-hosts",
    "--no-resolv",
    // No DNS at all: guests get the subnet's nameservers, never an upstream through us.
    "--port=0",
    "--bind-interfaces",
    // dnsmasq would drop to "nobody", which cannot read its files under the agent's private state dir
    // (on every SIGHUP it reads them again); it only ever sees its own isolated namespace.
    "--user=root",
    `--interface=${device}`,
    "--except-interface=lo",
    `--pid-file=${paths.pidFile}`,
    `--dhcp-hostsfile=${paths.hostsFile}`,
    `--dhcp-optsfile=${paths.optsFile}`,
    "--leasefile-ro",
    "--dhcp-authoritative",
    "--dhcp-lease-max=16384",
    "--quiet-dhcp",
    `--log-facility=${paths.logFile}`,
    `--dhcp-option-force=option:mtu,${spec.mtu}`,
    ...subnets.map((s) => {
      const { network, netmask } = ipv4Range(s.cidr);
      return `--dhcp-range=set:${tag(s.id)},${network},static,${netmask},${LEASE_TIME}`;
    }),
  ];

  const metadataVia = (subnetId: string) =>
    spec.metadata
      ? spec.port.fixedIps.find((f) => f.subnetId === subnetId && f.ipVersion === 4)?.address
      : undefined;
  const opts: string[] = [];
  for (const s of subnets) {
    const t = `tag:${tag(s.id)}`;
    // An option with no value tells dnsmasq not to send it (it would send its own address otherwise).
    opts.push(s.gatewayIp ? `${t},option:router,${s.gatewayIp}` : `${t},option:router`);
    const dns = s.dnsNameservers.filter(isIPv4);
    opts.push(dns.length > 0 ? `${t},option:dns-server,${dns.join(",")}` : `${t},option:dns-server`);
    const routes = s.hostRoutes
      .filter((r) => isIPv4(r.nexthop))
      .map((r) => ({ destination: normalizeCidr(r.destination), nexthop: r.nexthop }));
    const via = metadataVia(s.id);
    if (via) routes.push({ destination: `${METADATA_ADDRESS}/32`, nexthop: via });
    if (routes.length > 0) {
      // RFC 3442: a client given classless routes ignores the router option, so the default route goes in too.
      if (s.gatewayIp && !routes.some((r) => r.destination === "0.0.0.0/0")) {
        routes.push({ destination: "0.0.0.0/0", nexthop: s.gatewayIp });
      }
      const list = routes.map((r) => `${r.destination},${r.nexthop}`).join(",");
      opts.push(`${t},option:classless-static-route,${list}`);
      // The same list under Microsoft's older option number, as Neutron sends it.
      opts.push(`${t},249,${list}`);
    }
  }

  const hosts = spec.hosts
    .filter((h) => isIPv4(h.address))
    .map((h) => {
      const name = dhcpHostname(h.hostname);
      return name ? `${h.mac},${h.address},${name}` : `${h.mac},${h.address}`;
    });
  return { argv, hosts: lines(hosts), opts: lines(opts) };
}

const lines = (items: string[]): string => (items.length > 0 ? `${items.join("\n")}\n` : "");
