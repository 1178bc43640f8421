/**
 * DHCP (and the metadata service) of one network: namespace
 * `qdhcp-<network id>`, a veth whose host end `tap<port 11>` sits in the
 * network's bridge and whose inner end `ns-<port 11>` carries the DHCP
 * port's MAC and addresses (plus 169.254.169.254/32 when metadata is on),
 * dnsmasq with static leases only, and the metadata service's socket.
 */
import { join } from "node:path";
import { type DhcpSpec, ZDhcpSpec } from "@zenith/agent-protocol/network";
import type { Logger } from "@zenith/core/logger";
import { run } from "../exec.ts";
import { inNetns, readPid, runningPid, stopProcess } from "./daemon.ts";
import { renderDnsmasq } from "./dnsmasq-config.ts";
import {
  deleteLink,
  deleteNetns,
  ensureAddresses,
  ensureNetns,
  ensureSysctl,
  ensureVeth,
  linkInfo,
  listLinks,
  type Netns,
} from "./iproute.ts";
import type { MetadataService } from "./metadata-service.ts";
import { DHCP_NS_PREFIX, dhcpNamespace, dhcpNsDevice, METADATA_ADDRESS, tapDeviceName } from "./names.ts";
import { ensureRecordDir, listRecords, readText, recordDir, removeRecord, writeIfChanged } from "./state.ts";

export interface DhcpContext {
  /** The agent's state dir for this host (records, pid files, dnsmasq files). */
  stateDir: string;
  /** The namespace standing for the host (tests, several hosts on one machine); undefined: the agent's own. */
  hostNetns?: Netns;
  /** The network's bridge, made by L2; DHCP fails (and is retried) until it exists. */
  bridge: string;
  /** The host's metadata service; required when the spec has metadata on. */
  metadata?: MetadataService | undefined;
  logger: Logger;
}

const files = (dir: string) => ({
  pidFile: join(dir, "dnsmasq.pid"),
  hostsFile: join(dir, "hosts"),
  optsFile: join(dir, "opts"),
  logFile: join(dir, "dnsmasq.log"),
  portFile: join(dir, "port"),
  loadedFile: join(dir, "dnsmasq.loaded"),
});
const isDnsmasq = (pidFile: string) => (argv: string[]) =>
  argv[0]?.endsWith("dnsmasq") === true && argv.includes(`--pid-file=${pidFile}`);

export async function ensureDhcp(input: DhcpSpec, ctx: DhcpContext): Promise<void> {
  const spec = ZDhcpSpec.parse(input);
  const ns = dhcpNamespace(spec.networkId);
  const dir = await ensureRecordDir(ctx.stateDir, "dhcp", spec.networkId);
  const f = files(dir);
  await writeIfChanged(f.portFile, spec.port.id);
  if (!(await linkInfo(ctx.bridge, ctx.hostNetns))) {
    throw new Error(`bridge ${ctx.bridge} of network ${spec.networkId} does not exist yet`);
  }

  await ensureNetns(ns);
  await ensureSysctl(ns, "net.ipv4.ip_forward", "0");
  const inner = dhcpNsDevice(spec.port.id);
  // A replaced DHCP port leaves its old device behind.
  for (const link of await listLinks(ns)) {
    if (link.ifname.startsWith("ns-") && link.ifname !== inner) await deleteLink(link.ifname, ns);
  }
  await ensureVeth(
    { dev: tapDeviceName(spec.port.id), netns: ctx.hostNetns, master: ctx.bridge, mtu: spec.mtu },
    { dev: inner, netns: ns, mac: spec.port.mac, mtu: spec.mtu },
  );
  await ensureAddresses(inner, ns, [
    ...spec.port.fixedIps.map((ip) => `${ip.address}/${ip.prefixLength}`),
    ...(spec.metadata ? [`${METADATA_ADDRESS}/32`] : []),
  ]);

  await ensureDnsmasq(spec, ns, inner, f, ctx.logger);

  if (spec.metadata) {
    if (!ctx.metadata) throw new Error("metadata is on but this agent runs no metadata service");
    await ctx.metadata.ensure(ns, spec.networkId);
  } else {
    await ctx.metadata?.remove(spec.networkId);
  }
}

async function ensureDnsmasq(
  spec: DhcpSpec,
  ns: string,
  device: string,
  f: ReturnType<typeof files>,
  logger: Logger,
): Promise<void> {
  const config = renderDnsmasq(spec, device, f);
  await writeIfChanged(f.hostsFile, config.hosts);
  await writeIfChanged(f.optsFile, config.opts);
  // What the running dnsmasq has read, so a reload interrupted by an agent crash is not forgotten.
  const loaded = `${config.hosts}\0${config.opts}`;
  if (!spec.subnets.some((s) => s.ipVersion === 4)) {
    // Nothing to serve (IPv6-only network: no DHCPv6/RA yet).
    await stopProcess(f.pidFile, isDnsmasq(f.pidFile));
    return;
  }
  const want = config.argv;
  const same = (argv: string[]) =>
    argv.length === want.length && argv.slice(1).every((a, i) => a === want[i + 1]);
  const pid = await runningPid(f.pidFile, (argv) => isDnsmasq(f.pidFile)(argv) && same(argv));
  if (pid !== null && (await inNetns(pid, ns))) {
    // dnsmasq re-reads its hosts and options files on SIGHUP: leases go on, no restart.
    if ((await readText(f.loadedFile)) !== loaded) {
      process.kill(pid, "SIGHUP");
      await writeIfChanged(f.loadedFile, loaded);
    }
    return;
  }
  await stopProcess(f.pidFile, isDnsmasq(f.pidFile));
  // dnsmasq daemonizes and exits once it serves (or with the reason it cannot).
  await run(want, { netns: ns });
  await writeIfChanged(f.loadedFile, loaded);
  logger.info({ networkId: spec.networkId, pid: await readPid(f.pidFile) }, "dnsmasq started");
}

export async function removeDhcp(
  networkId: string,
  ctx: Pick<DhcpContext, "stateDir" | "hostNetns" | "metadata">,
): Promise<void> {
  const dir = recordDir(ctx.stateDir, "dhcp", networkId);
  const f = files(dir);
  // Its listening socket would keep the namespace alive after `ip netns del`.
  await ctx.metadata?.remove(networkId);
  await stopProcess(f.pidFile, isDnsmasq(f.pidFile));
  const portId = (await readText(f.portFile))?.trim();
  // Deleting the namespace deletes the veth's inner end, and with it the host end.
  await deleteNetns(dhcpNamespace(networkId));
  if (portId) await deleteLink(tapDeviceName(portId), ctx.hostNetns);
  await removeRecord(ctx.stateDir, "dhcp", networkId);
}

/**
 * The networks this agent serves DHCP for: its records, not every `qdhcp-`
 * namespace on the machine (several simulated hosts, or another agent, may
 * share one kernel). The namespace prefix is exported for a cleanup tool.
 */
export async function listDhcp(ctx: Pick<DhcpContext, "stateDir">): Promise<string[]> {
  return listRecords(ctx.stateDir, "dhcp");
}

export { DHCP_NS_PREFIX };
