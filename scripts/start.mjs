// `npm start`: installs what is missing, builds the portal, starts the control
// plane (migrates and bootstraps), the BFF and the portal, prints URLs and logins.
// Ctrl-C stops everything; data stays in ZENITH_DATA_DIR (default ./.zenith).
import { spawnSync } from "node:child_process";
import { existsSync } from "node:fs";
import { join, resolve } from "node:path";

const ROOT = new URL("..", import.meta.url).pathname.replace(/\/$/, "");

// Dependencies first: the helpers below import nothing outside node, but the services need node_modules.
if (
  !existsSync(join(ROOT, "node_modules", ".bin", "tsx")) ||
  !existsSync(join(ROOT, "packages/db/src/generated"))
) {
  process.stdout.write("Installing npm dependencies (npm ci)…\n");
  const res = spawnSync("npm", ["ci", "--no-audit", "--no-fund"], { cwd: ROOT, stdio: "inherit" });
  if (res.status !== 0) process.exit(res.status ?? 1);
}

const { chooseComputeDriver, ensureWebBuild, readPasswords, startStack } = await import("./lib/stack.mjs");
const { chooseNetworkDriver } = await import("./lib/network-driver.mjs");
const { Supervisor, stopServices } = await import("./lib/processes.mjs");

const dataDir = resolve(process.env.ZENITH_DATA_DIR ?? join(ROOT, ".zenith"));
const ports = {
  control: Number(process.env.ZENITH_CONTROL_PORT ?? 5000),
  bff: Number(process.env.BFF_PORT ?? 3001),
  web: Number(process.env.PORT ?? 3000),
};

// The control plane stores generated passwords on its first start only: print them that once.
const passwordsFile = join(dataDir, "passwords.json");
const firstStart = !existsSync(passwordsFile);

let stack;
let stopping = false;
// A service that dies is started again (back-off 1 s doubling to 30 s, reset after a minute up).
const supervisor = new Supervisor({ log: (line) => process.stderr.write(`[supervisor] ${line}\n`) });
async function shutdown(code) {
  if (stopping) return;
  stopping = true;
  process.stdout.write("\nStopping Zenith…\n");
  // The supervisor stops restarting first, then stops what runs now.
  await supervisor.stop();
  if (stack) await stopServices(stack.children);
  process.stdout.write(`Stopped. Data kept in ${dataDir}\n`);
  process.exit(code);
}
process.on("SIGINT", () => shutdown(0));
process.on("SIGTERM", () => shutdown(0));

try {
  // ZENITH_COMPUTE_DRIVER: real guests (qemu), simulated ones (fake), or auto: qemu where installed.
  // First, so a setting this machine cannot honour fails before the portal build.
  const { driver, tinyImageDir, simulatedReason } = chooseComputeDriver();
  // ZENITH_NETWORK_DRIVER: real bridges, VXLAN, namespaces and dnsmasq (linux), simulated (fake), or auto.
  // Real guests get real networking where we may install its tools (root): dnsmasq, nftables, iproute2.
  if (driver === "qemu" && process.env.ZENITH_NETWORK_DRIVER !== "fake" && process.getuid?.() === 0) {
    spawnSync(join(ROOT, "scripts/ensure-system-deps.sh"), ["network"], { stdio: "inherit" });
  }
  const network = chooseNetworkDriver();
  if (network.driver === "fake" && network.fakeReason === "no-privilege") {
    process.stderr.write(
      `Networking will be simulated (fake network driver): this machine cannot change networking (${network.detail}).\n`,
    );
  }
  await ensureWebBuild();
  const hosts = Number(process.env.ZENITH_COMPUTE_AGENTS ?? 1);
  stack = await startStack({
    dataDir,
    ports,
    databaseUrl: process.env.DATABASE_URL,
    computeHosts: driver === "fake" ? hosts : 0,
    qemuHosts: driver === "qemu" ? hosts : 0,
    tinyImageDir,
    simulatedReason: simulatedReason ?? "no-qemu",
    networkDriver: network.driver,
    networkFakeReason: network.fakeReason,
  });
} catch (err) {
  process.stderr.write(`Zenith failed to start: ${err.message}\n`);
  await shutdown(1);
}

const SIMULATED_HINT = {
  chosen: "ZENITH_COMPUTE_DRIVER=fake; set it to auto or qemu for real guests",
  "no-qemu": "install qemu-system-x86 qemu-utils for real guests",
  "no-image": "zenith-tiny could not be built, see above",
};

const NETWORK_HINT = {
  chosen: "ZENITH_NETWORK_DRIVER=fake; set it to auto or linux for real networking",
  "no-privilege": "run as root with CAP_NET_ADMIN for real networking",
};

const pw = readPasswords(dataDir);
const logins =
  firstStart && existsSync(passwordsFile)
    ? [
        "  Logins (domain Default; printed this once, kept in the passwords file below):",
        `    admin / ${pw.admin}   (cloud admin, project admin)`,
        `    demo  / ${pw.demo}   (member of project demo)`,
        `  Passwords file: ${passwordsFile}`,
      ]
    : [
        "  Logins (domain Default): admin (cloud admin, project admin), demo (member of project demo)",
        `  Initial passwords: ${passwordsFile} (printed on the first start only; a changed password is kept)`,
      ];
process.stdout.write(
  [
    "",
    "Zenith is running.",
    `  Portal:         ${stack.webUrl}`,
    `  Identity API:   ${stack.keystoneUrl}  (OS_AUTH_URL for the openstack CLI)`,
    `  Compute/Image:  ${stack.controlUrl}/compute/v2.1 and ${stack.controlUrl}/image`,
    `  BFF (tRPC):     ${stack.bffUrl}/api/trpc`,
    stack.qemuHosts > 0
      ? `  Compute hosts:  ${stack.qemuHosts} (QEMU: real guests; launch image zenith-tiny)`
      : `  Compute hosts:  ${stack.computeHosts} (fake driver: instances are simulated; ${SIMULATED_HINT[stack.simulatedReason] ?? SIMULATED_HINT["no-qemu"]})`,
    stack.networkDriver === "linux" && stack.qemuHosts > 0
      ? `  Networking:     linux driver (bridges, VXLAN, dnsmasq and router namespaces on this host${stack.qemuHosts > 1 ? ", for the first QEMU host" : ""})`
      : `  Networking:     simulated (fake network driver; ${NETWORK_HINT[stack.networkFakeReason] ?? "the instances are simulated too"})`,
    `  Data folder:    ${dataDir}${process.env.DATABASE_URL ? " (database: DATABASE_URL)" : " (embedded PostgreSQL: PGlite)"}`,
    ...logins,
    "Press Ctrl-C to stop.",
    "",
  ].join("\n"),
);
for (const child of stack.children) supervisor.watch(child);
