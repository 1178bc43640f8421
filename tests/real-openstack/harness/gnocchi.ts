import { spawnSync } from "node:child_process";
import { mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { createTestDatabase } from "@zenith/db/testing";
import { PYTHON, type PythonService, runPython, startPython } from "./python-service.ts";

/**
 * Debian's real Gnocchi 4.4.2 (python3-gnocchi) as the suite runs it: the
 * indexer on a fresh database of the PostgreSQL test server, storage and
 * incoming on the `file` driver in a temp folder, the schema made by
 * gnocchi-upgrade, the API (gnocchi.rest) on werkzeug's threaded WSGI
 * server on 127.0.0.1, Keystone auth through keystonemiddleware against
 * Zenith's Keystone, and gnocchi-metricd on demand.
 */

const HERE = dirname(fileURLToPath(import.meta.url));
/** Debian's packaged paste pipeline (keystone_authtoken before the v1 app). */
const DEBIAN_PASTE = "/usr/lib/python3/dist-packages/gnocchi/rest/api-paste.ini";

/** The Python modules the suite runs: Gnocchi itself, keystonemiddleware, werkzeug (the WSGI server), psycopg2. */
const MODULES = ["gnocchi", "keystonemiddleware", "werkzeug", "psycopg2"];

/** Names what this machine lacks to run a real Gnocchi (empty: nothing). */
export function missingGnocchiParts(): string[] {
  const missing: string[] = [];
  const probe = spawnSync(PYTHON, ["-c", `import ${MODULES.join(", ")}`], { encoding: "utf8" });
  if (probe.error || probe.status !== 0) {
    missing.push(
      `python3-gnocchi (${PYTHON} cannot import ${MODULES.join(", ")}: scripts/ensure-system-deps.sh gnocchi)`,
    );
  }
  if (!process.env.ZENITH_TEST_PG_URL) {
    missing.push("a PostgreSQL server (ZENITH_TEST_PG_URL: scripts/pg-test-server.sh start)");
  }
  return missing;
}

export interface ServiceUser {
  authUrl: string;
  username: string;
  password: string;
  projectName: string;
}

export interface RunningGnocchi {
  /** The unversioned root, as a catalog lists it: `http://127.0.0.1:<port>`. */
  url: string;
  api: PythonService;
  /** Starts gnocchi-metricd (one worker, polling every second) once; resolves once it processes. */
  startMetricd(): Promise<void>;
  /** Stops every process, drops the database, removes the temp folder. */
  close(): Promise<void>;
}

function gnocchiConf(opts: { dir: string; databaseUrl: string; keystone: ServiceUser }): string {
  const k = opts.keystone;
  return `[DEFAULT]
debug = false
use_stderr = true

[api]
auth_mode = keystone
host = 127.0.0.1
# 0: the OS picks a free port; gnocchi_api.py prints it.
port = 0
paste_config = ${join(opts.dir, "api-paste.ini")}

[indexer]
url = ${opts.databaseUrl}

[storage]
driver = file
file_basepath = ${join(opts.dir, "storage")}

[metricd]
workers = 1
metric_processing_delay = 1
metric_cleanup_delay = 3600

[keystone_authtoken]
auth_type = password
auth_url = ${k.authUrl}
www_authenticate_uri = ${k.authUrl}
username = ${k.username}
password = ${k.password}
user_domain_name = Default
project_name = ${k.projectName}
project_domain_name = Default
interface = public
service_token_roles_required = false
`;
}

/**
 * keystonemiddleware reads its options through its own oslo.config object
 * (`oslo_config_project = gnocchi`), which only searches /etc/gnocchi and
 * the home folder: Debian's pipeline, pointed at this run's file.
 */
async function pasteConf(confFile: string): Promise<string> {
  const debian = await readFile(DEBIAN_PASTE, "utf8");
  const marker = "oslo_config_project = gnocchi";
  if (!debian.includes(marker)) throw new Error(`${DEBIAN_PASTE} no longer says "${marker}"`);
  return debian.replace(marker, `${marker}\noslo_config_file = ${confFile}`);
}

export async function startGnocchi(opts: { pgUrl: string; keystone: ServiceUser }): Promise<RunningGnocchi> {
  const dir = await mkdtemp(join(tmpdir(), "zenith-gnocchi-"));
  const database = await createTestDatabase(opts.pgUrl, "gnocchi");
  const processes: PythonService[] = [];
  const close = async () => {
    await Promise.all(processes.map((p) => p.stop()));
    await database.drop().catch(() => {});
    await rm(dir, { recursive: true, force: true });
  };
  try {
    const confFile = join(dir, "gnocchi.conf");
    await writeFile(confFile, gnocchiConf({ dir, databaseUrl: database.url, keystone: opts.keystone }));
    await writeFile(join(dir, "api-paste.ini"), await pasteConf(confFile));
    const confArgs = ["--config-file", confFile];
    await runPython("gnocchi-upgrade", ["/usr/bin/gnocchi-upgrade", ...confArgs], 90_000);

    const api = startPython("gnocchi-api", [join(HERE, "gnocchi_api.py"), ...confArgs]);
    processes.push(api);
    const [, url] = await api.waitForLine(/gnocchi-api listening on (http:\/\/127\.0\.0\.1:\d+)/, 60_000);
    if (!url) throw new Error("gnocchi-api printed no URL");

    let metricd: Promise<void> | undefined;
    return {
      url,
      api,
      startMetricd() {
        metricd ??= (async () => {
          const service = startPython("gnocchi-metricd", ["/usr/bin/gnocchi-metricd", ...confArgs]);
          processes.push(service);
          // Its processing worker logs this once it has started polling the sacks.
          await service.waitForLine(/Incoming driver does not support notification/, 60_000);
        })();
        return metricd;
      },
      close,
    };
  } catch (err) {
    await close();
    throw err;
  }
}
