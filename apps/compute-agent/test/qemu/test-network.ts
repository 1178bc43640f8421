/**
 * A throw-away tenant network for real-traffic tests, standing in for what
 * the network agent builds: a bridge in the host namespace (unique name, no
 * address: the host never routes into it) that the guest's tap is plugged
 * into, and a namespace of its own joined to it by a veth, where the test
 * runs dnsmasq (static leases only, DNS off, no upstream) and a tiny HTTP
 * server on 169.254.169.254 serving the metadata. All traffic stays between
 * the guest and that namespace. `close()` removes everything, and so does a
 * failed `createTestNetwork` (what it made so far).
 */
import { type ChildProcess, execFile, spawn } from "node:child_process";
import { randomBytes } from "node:crypto";
import { mkdir, mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { promisify } from "node:util";

const execFileAsync = promisify(execFile);

export const TEST_SUBNET = { prefix: "192.0.2", gateway: "192.0.2.1", mask: "255.255.255.0" } as const;
export const METADATA_IP = "169.254.169.254";

export interface StaticLease {
  mac: string;
  ip: string;
  /** The hostname the lease gives (option 12). */
  name: string;
}

export interface TestNetworkOptions {
  leases: StaticLease[];
  /** MTU of the bridge and veth (the port's). */
  mtu: number;
  /** MTU the lease announces (option 26). */
  leaseMtu: number;
  /** Served as /openstack/latest/meta_data.json. */
  metadata: Record<string, unknown>;
}

export interface TestNetwork {
  namespace: string;
  bridge: string;
  /** Plugs a host device (the guest's tap) into the bridge, as the network agent would. */
  plug(device: string): Promise<void>;
  /** What dnsmasq logged so far. */
  dhcpLog(): string;
  close(): Promise<void>;
}

async function run(argv: string[]): Promise<string> {
  const [file, ...args] = argv;
  if (file === undefined) throw new Error("empty command");
  try {
    return (await execFileAsync(file, args, { timeout: 15_000, killSignal: "SIGKILL" })).stdout;
  } catch (err) {
    const stderr = err instanceof Error && "stderr" in err ? String(err.stderr).trim() : "";
    throw new Error(`${argv.join(" ")} failed: ${stderr}`, { cause: err });
  }
}

/** The bounded wait for a child process to exit after a signal. */
async function stop(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise<void>((resolve) => child.once("exit", () => resolve()));
  child.kill("SIGTERM");
  const timer = setTimeout(() => child.kill("SIGKILL"), 3_000);
  await exited;
  clearTimeout(timer);
}

async function until(what: string, probe: () => Promise<boolean>, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await probe())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

export async function createTestNetwork(options: TestNetworkOptions): Promise<TestNetwork> {
  const id = randomBytes(3).toString("hex");
  const ns = `zgt-${id}`;
  const bridge = `zgb${id}`;
  const vethHost = `zgv${id}h`;
  const vethNs = `zgv${id}n`;
  const undo: Array<() => Promise<unknown>> = [];
  let log = "";
  const close = async () => {
    const results = [];
    for (const step of undo.splice(0).reverse())
      results.push(
        await step().then(
          () => undefined,
          (e) => e,
        ),
      );
    const failed = results.find((r) => r !== undefined);
    if (failed) throw failed;
  };
  try {
    const dir = await mkdtemp(join(tmpdir(), "zenith-testnet-"));
    undo.push(() => rm(dir, { recursive: true, force: true }));

    await run(["ip", "netns", "add", ns]);
    undo.push(() => run(["ip", "netns", "del", ns]));
    await run(["ip", "link", "add", bridge, "mtu", String(options.mtu), "type", "bridge"]);
    undo.push(() => run(["ip", "link", "del", bridge]));
    await run([
      "ip",
      "link",
      "add",
      vethHost,
      "mtu",
      String(options.mtu),
      "type",
      "veth",
      "peer",
      "name",
      vethNs,
    ]);
    // Deleting one end deletes both; after the namespace is gone the host end is gone too.
    undo.push(() => run(["ip", "link", "del", vethHost]).catch(() => undefined));
    // The host takes no part: no IPv6 link-local chatter from its ends either.
    for (const dev of [bridge, vethHost]) {
      await writeFile(`/proc/sys/net/ipv6/conf/${dev}/disable_ipv6`, "1").catch(() => undefined);
    }
    await run(["ip", "link", "set", vethNs, "netns", ns]);
    await run(["ip", "link", "set", vethHost, "master", bridge, "up"]);
    await run(["ip", "link", "set", bridge, "up"]);
    const inNs = (argv: string[]) => run(["ip", "netns", "exec", ns, ...argv]);
    await inNs(["ip", "link", "set", "lo", "up"]);
    await inNs(["ip", "addr", "add", `${TEST_SUBNET.gateway}/24`, "dev", vethNs]);
    await inNs(["ip", "addr", "add", `${METADATA_IP}/32`, "dev", vethNs]);
    await inNs(["ip", "link", "set", vethNs, "up"]);

    const web = join(dir, "www");
    await mkdir(join(web, "openstack", "latest"), { recursive: true });
    await writeFile(join(web, "openstack", "latest", "meta_data.json"), JSON.stringify(options.metadata));
    const httpd = spawn(
      "ip",
      ["netns", "exec", ns, "busybox", "httpd", "-f", "-p", `${METADATA_IP}:80`, "-h", web],
      { stdio: ["ignore", "ignore", "pipe"] },
    );
    undo.push(() => stop(httpd));
    httpd.stderr?.on("data", (chunk: Buffer) => {
      log += `[httpd] ${chunk.toString()}`;
    });

    const dnsmasq = spawn(
      "ip",
      [
        "netns",
        "exec",
        ns,
        "dnsmasq",
        "--keep-in-foreground",
        "--conf-file=/dev/null",
        "--log-facility=-",
        "--log-dhcp",
        "--port=0",
        "--no-resolv",
        "--no-hosts",
        "--bind-interfaces",
        `--interface=${vethNs}`,
        "--except-interface=lo",
        "--user=root",
        "--group=root",
        "--pid-file=",
        `--dhcp-leasefile=${join(dir, "leases")}`,
        "--dhcp-authoritative",
        `--dhcp-range=${TEST_SUBNET.prefix}.0,static,${TEST_SUBNET.mask},600s`,
        ...options.leases.map((l) => `--dhcp-host=${l.mac},${l.ip},${l.name}`),
        `--dhcp-option=option:router,${TEST_SUBNET.gateway}`,
        `--dhcp-option=option:mtu,${options.leaseMtu}`,
        // The metadata route and the default route (option 121 replaces the router option, RFC 3442).
        `--dhcp-option=option:classless-static-route,${METADATA_IP}/32,${TEST_SUBNET.gateway},0.0.0.0/0,${TEST_SUBNET.gateway}`,
      ],
      { stdio: ["ignore", "pipe", "pipe"] },
    );
    undo.push(() => stop(dnsmasq));
    for (const stream of [dnsmasq.stdout, dnsmasq.stderr]) {
      stream?.on("data", (chunk: Buffer) => {
        log += chunk.toString();
      });
    }
    await until("dnsmasq to serve DHCP", async () => /DHCP, static leases only/.test(log), 10_000);
    await until(
      "the metadata server",
      () =>
        // timeout, not wget -T: busybox 1.35's wget crashes (SIGSEGV) with -T.
        inNs([
          "busybox",
          "timeout",
          "3",
          "busybox",
          "wget",
          "-q",
          "-O",
          "-",
          `http://${METADATA_IP}/openstack/latest/meta_data.json`,
        ]).then(
          () => true,
          () => false,
        ),
      10_000,
    );
  } catch (err) {
    await close().catch(() => undefined);
    throw new Error(
      `cannot create the test network: ${err instanceof Error ? err.message : err}; log: ${log}`,
      {
        cause: err,
      },
    );
  }
  return {
    namespace: ns,
    bridge,
    plug: async (device) => {
      await run(["ip", "link", "set", "dev", device, "master", bridge]);
    },
    dhcpLog: () => log,
    close,
  };
}

/** True while a network device of that name exists on the host. */
export async function hostDeviceExists(name: string): Promise<boolean> {
  return run(["ip", "link", "show", "dev", name]).then(
    () => true,
    () => false,
  );
}

export async function namespaceExists(name: string): Promise<boolean> {
  return (await run(["ip", "netns", "list"])).split("\n").some((line) => line.split(" ")[0] === name);
}
