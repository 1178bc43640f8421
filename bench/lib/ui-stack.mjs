// The whole stack (control plane, fake compute and network agents, BFF,
// production portal) on free ports in a temporary data folder, for the
// portal's Playwright benches. Fake hosts only, with room for hundreds of
// instances: no QEMU host and no linux network driver, so the bench never
// touches the machine's networking (another stack may be using it).
import { createWriteStream, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { freePort, stopServices } from "../../scripts/lib/processes.mjs";
import { ensureWebBuild, startStack } from "../../scripts/lib/stack.mjs";

/**
 * Starts the stack; resolves to `{ stack, logFile, stop }`. `stop()` ends
 * every service it started (process groups, SIGTERM then SIGKILL) and
 * removes the data folder; it is safe to call twice.
 */
export async function startUiStack({ adminPassword, demoPassword, computeHosts = 2, databaseUrl }) {
  await ensureWebBuild();
  const dir = mkdtempSync(join(tmpdir(), "zenith-bench-ui-"));
  const logFile = join(dir, "stack.log");
  const log = createWriteStream(logFile);
  const ports = { control: await freePort(), bff: await freePort(), web: await freePort() };
  const stack = await startStack({
    dataDir: join(dir, "data"),
    ports,
    databaseUrl,
    quiet: true,
    logStream: log,
    computeHosts,
    qemuHosts: 0,
    networkDriver: "fake",
    env: {
      // BENCH_LOG_LEVEL=info keeps the BFF's `slow procedure` lines (with BENCH_KEEP_LOG=1, the log).
      LOG_LEVEL: process.env.BENCH_LOG_LEVEL ?? "warn",
      ZENITH_ADMIN_PASSWORD: adminPassword,
      ZENITH_DEMO_PASSWORD: demoPassword,
      ZENITH_COMPUTE_DRIVER: "fake",
      ZENITH_NETWORK_DRIVER: "fake",
      // The fake hosts' advertised capacity: 500 m1.tiny need more than the default 16 vCPUs.
      ZENITH_FAKE_VCPUS: "4096",
      ZENITH_FAKE_MEMORY_MB: String(8 * 1024 * 1024),
      ZENITH_FAKE_DISK_GB: "100000",
    },
  });
  let stopped = false;
  const stop = async () => {
    if (stopped) return;
    stopped = true;
    await stopServices(stack.children);
    log.end();
    if (!process.env.BENCH_KEEP_LOG) rmSync(dir, { recursive: true, force: true });
  };
  return { stack, logFile, stop };
}
