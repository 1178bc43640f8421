import { spawnSync } from "node:child_process";
import { mkdir, mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir, userInfo } from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { createTestDatabase } from "@zenith/db/testing";
import { PYTHON, type PythonService, runPython, startPython } from "./python-service.ts";

/**
 * Debian's real Keystone 22.0.2 (Zed, python3-keystone) as the suite runs
 * it: its own database on the PostgreSQL test server (dropped after), its
 * config and fernet/credential keys in a temp folder (removed after), the
 * schema by `keystone-manage db_sync`, the API (keystone.server.wsgi) on
 * werkzeug's threaded WSGI server at 127.0.0.1:<free port>, and
 * `keystone-manage bootstrap` run once the port is known, so the catalog's
 * identity endpoint is its own URL. Nothing listens on another address.
 */

const HERE = dirname(fileURLToPath(import.meta.url));
const KEYSTONE_MANAGE = "/usr/bin/keystone-manage";
/** Keystone itself, werkzeug (the WSGI server), psycopg2 (its PostgreSQL driver). */
const MODULES = ["keystone", "werkzeug", "psycopg2"];

/** Names what this machine lacks to run a real Keystone (empty: nothing). */
export function missingKeystoneParts(): string[] {
  const missing: string[] = [];
  const probe = spawnSync(PYTHON, ["-c", `import ${MODULES.join(", ")}`], { encoding: "utf8" });
  if (probe.error || probe.status !== 0 || spawnSync(KEYSTONE_MANAGE, ["--version"]).status !== 0) {
    missing.push(
      `python3-keystone (${PYTHON} cannot import ${MODULES.join(", ")} or run ${KEYSTONE_MANAGE}: scripts/ensure-system-deps.sh keystone)`,
    );
  }
  if (!process.env.ZENITH_TEST_PG_URL) {
    missing.push("a PostgreSQL server (ZENITH_TEST_PG_URL: scripts/pg-test-server.sh start)");
  }
  return missing;
}

export interface RunningKeystone {
  /** The unversioned root: `http://127.0.0.1:<port>`. */
  url: string;
  /** What the portal's `ZENITH_KEYSTONE_URL` is set to: `<url>/v3`. */
  authUrl: string;
  region: string;
  adminPassword: string;
  api: PythonService;
  /** Stops the server, drops the database, removes the temp folder. */
  close(): Promise<void>;
}

function keystoneConf(dir: string, databaseUrl: string): string {
  return `[DEFAULT]
debug = false
use_stderr = true

[database]
connection = ${databaseUrl}

[token]
provider = fernet

[fernet_tokens]
key_repository = ${join(dir, "fernet-keys")}

[fernet_receipts]
key_repository = ${join(dir, "fernet-keys")}

[credential]
key_repository = ${join(dir, "credential-keys")}

# bcrypt's cheapest cost: the suite logs in dozens of times (the default, 12, takes ~0.3 s a hash).
[identity]
password_hash_rounds = 4

# One process and no memcached: every read goes to the database.
[cache]
enabled = false
`;
}

export async function startKeystone(opts: {
  pgUrl: string;
  adminPassword: string;
  region?: string;
}): Promise<RunningKeystone> {
  const region = opts.region ?? "RegionOne";
  const dir = await mkdtemp(join(tmpdir(), "zenith-keystone-"));
  const database = await createTestDatabase(opts.pgUrl, "keystone").catch(async (err: unknown) => {
    // No database server: the temp folder must not outlive the failed start.
    await rm(dir, { recursive: true, force: true });
    throw err;
  });
  let api: PythonService | undefined;
  const close = async () => {
    await api?.stop();
    await database.drop().catch(() => {});
    await rm(dir, { recursive: true, force: true });
  };
  try {
    const confFile = join(dir, "keystone.conf");
    await mkdir(join(dir, "fernet-keys"), { mode: 0o700 });
    await mkdir(join(dir, "credential-keys"), { mode: 0o700 });
    await writeFile(confFile, keystoneConf(dir, database.url));
    const manage = (name: string, args: string[]) =>
      runPython(
        `keystone-manage ${name}`,
        [KEYSTONE_MANAGE, "--config-file", confFile, name, ...args],
        120_000,
      );
    // The keys belong to whoever runs the suite (keystone-manage defaults to a `keystone` user).
    const me = userInfo();
    const owner = ["--keystone-user", String(me.uid), "--keystone-group", String(me.gid)];
    await manage("db_sync", []);
    await manage("fernet_setup", owner);
    await manage("credential_setup", owner);

    api = startPython("keystone", [join(HERE, "keystone_api.py"), "127.0.0.1", "0"], {
      OS_KEYSTONE_CONFIG_FILES: confFile,
    });
    const [, url] = await api.waitForLine(/keystone listening on (http:\/\/127\.0\.0\.1:\d+)/, 60_000);
    if (!url) throw new Error("keystone printed no URL");
    const authUrl = `${url}/v3`;
    await manage("bootstrap", [
      "--bootstrap-password",
      opts.adminPassword,
      "--bootstrap-region-id",
      region,
      "--bootstrap-public-url",
      authUrl,
      "--bootstrap-internal-url",
      authUrl,
      "--bootstrap-admin-url",
      authUrl,
    ]);
    return { url, authUrl, region, adminPassword: opts.adminPassword, api, close };
  } catch (err) {
    await close();
    throw err;
  }
}
