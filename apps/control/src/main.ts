import { resolve } from "node:path";
import { createLogger } from "@zenith/core/logger";
import { readControlEnv } from "./env.ts";
import { originsOf } from "./http/console/origins.ts";
import { readPasswords, writePasswords } from "./passwords-file.ts";
import { startControl } from "./server.ts";

const env = readControlEnv();
const logger = createLogger("control", env.LOG_LEVEL);
const dataDir = resolve(env.ZENITH_DATA_DIR);
const stored = readPasswords(dataDir);

const control = await startControl({
  port: env.ZENITH_CONTROL_PORT,
  host: env.ZENITH_CONTROL_HOST,
  dataDir,
  databaseUrl: env.DATABASE_URL,
  publicUrl: env.ZENITH_PUBLIC_URL ?? `http://localhost:${env.ZENITH_CONTROL_PORT}`,
  region: env.ZENITH_REGION,
  tokenTtlSeconds: env.ZENITH_TOKEN_TTL,
  adminProject: { name: env.ZENITH_ADMIN_PROJECT_NAME, domainName: env.ZENITH_ADMIN_PROJECT_DOMAIN_NAME },
  adminPassword: env.ZENITH_ADMIN_PASSWORD ?? stored?.admin,
  demoPassword: env.ZENITH_DEMO_PASSWORD ?? stored?.demo,
  agentToken: env.ZENITH_AGENT_TOKEN,
  metricsScrapeToken: env.ZENITH_METRICS_SCRAPE_TOKEN,
  portalSecret: env.ZENITH_PORTAL_SECRET,
  seedStarterImage: env.ZENITH_SEED_STARTER_IMAGE === "true",
  vifPlugTimeoutS: env.ZENITH_VIF_PLUG_TIMEOUT,
  vniRange: env.ZENITH_VXLAN_VNI_RANGE,
  publicCidr: env.ZENITH_PUBLIC_CIDR,
  ...(env.ZENITH_TINY_IMAGE_DIR ? { tinyImageDir: resolve(env.ZENITH_TINY_IMAGE_DIR) } : {}),
  consoleOrigins: env.ZENITH_CONSOLE_ORIGINS
    ? env.ZENITH_CONSOLE_ORIGINS.split(",")
        .map((o) => o.trim())
        .filter(Boolean)
    : originsOf(env.ZENITH_PORTAL_URL ?? `http://localhost:${env.PORT}`),
  logger,
});

const { adminPassword, demoPassword, created } = control.bootstrap;
// Bootstrap applies passwords on the first start only, so only then are they known and stored.
if (created && adminPassword && demoPassword) {
  const file = writePasswords(dataDir, { admin: adminPassword, demo: demoPassword });
  logger.info({ file }, "stored the bootstrap passwords");
}
const publicUrl = env.ZENITH_PUBLIC_URL ?? `http://localhost:${env.ZENITH_CONTROL_PORT}`;
const where = `(initial password in ${resolve(dataDir, "passwords.json")})`;
logger.info(
  {
    identity: `${publicUrl}/identity/v3`,
    listening: control.url,
    // Not under a "password" key: the logger redacts those, and printing these is the point.
    logins: {
      admin: `admin / ${adminPassword || where} (project admin, domain Default)`,
      demo: `demo / ${demoPassword || where} (project demo, domain Default)`,
    },
    firstStart: created,
  },
  `Zenith identity at ${publicUrl}/identity/v3 — log in as admin / ${adminPassword || where}`,
);

let stopping = false;
async function stop(signal: string): Promise<void> {
  if (stopping) return;
  stopping = true;
  logger.info({ signal }, "stopping");
  try {
    await control.close();
    process.exit(0);
  } catch (err) {
    logger.error({ err }, "error while stopping");
    process.exit(1);
  }
}
process.on("SIGINT", () => void stop("SIGINT"));
process.on("SIGTERM", () => void stop("SIGTERM"));
