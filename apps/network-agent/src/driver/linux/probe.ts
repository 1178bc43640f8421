/**
 * Whether this process can really change networking: proven by doing it
 * (a throwaway namespace with a bridge in it, then gone), plus the parts
 * security groups need (nftables, bridge netfilter). Running as root is
 * not enough (a container may lack CAP_NET_ADMIN), nor is having the tools.
 */
import { randomBytes } from "node:crypto";
import { access } from "node:fs/promises";
import { run, tryRun } from "./exec.ts";

export type ProbeResult = { ok: true } | { ok: false; reason: string };

const message = (err: unknown): string => (err instanceof Error ? err.message : String(err));

export async function probeLinuxNetworking(): Promise<ProbeResult> {
  const ns = `zprobe-${process.pid}-${randomBytes(3).toString("hex")}`;
  try {
    await run(["ip", "netns", "add", ns]);
  } catch (err) {
    return { ok: false, reason: `cannot create a network namespace: ${message(err)}` };
  }
  try {
    await run(["ip", "-n", ns, "link", "add", "zprobe0", "type", "bridge"]);
    await run(["nft", "add", "table", "inet", "zprobe"], { netns: ns });
    await access("/proc/sys/net/bridge/bridge-nf-call-iptables").catch(() => {
      throw new Error("bridge netfilter (br_netfilter) is not loaded: security groups could not be enforced");
    });
    return { ok: true };
  } catch (err) {
    return { ok: false, reason: message(err) };
  } finally {
    await tryRun(["ip", "netns", "del", ns]);
  }
}
