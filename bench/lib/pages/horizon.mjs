// Debian's Horizon (openstack-dashboard, Horizon 23) run by the bench
// itself, pointed at Zenith's Keystone: gunicorn (Debian's) on a private
// 127.0.0.1 port, static files served by whitenoise (Debian's) from the
// folder Debian's own postinst collected and compressed
// (/var/lib/openstack-dashboard/static), and a local_settings.py of ours in
// a temporary folder, so nothing under /etc is changed and no web server
// takes port 80. How and why: docs/horizon-comparison.md.
import { randomBytes } from "node:crypto";
import { createWriteStream, existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { freePort, run, startService, stopServices, waitForUrl } from "../../../scripts/lib/processes.mjs";

const ROOT = new URL("../../..", import.meta.url).pathname.replace(/\/$/, "");
const DEBIAN_STATIC = "/var/lib/openstack-dashboard/static";
const HORIZON_PACKAGE = "/usr/lib/python3/dist-packages/openstack_dashboard";

/** Installs openstack-dashboard, gunicorn and whitenoise when missing (scripts/ensure-system-deps.sh horizon). */
export async function ensureHorizon() {
  const code = await run(join(ROOT, "scripts/ensure-system-deps.sh"), ["horizon"]);
  if (code !== 0) throw new Error("could not install Horizon (scripts/ensure-system-deps.sh horizon)");
}

// Imported by Horizon's settings.py as `local.local_settings` (our folder is first on PYTHONPATH);
// Debian's snippets in openstack_dashboard/local/local_settings.d still run after it
// (DEBUG off, offline compression, STATIC_ROOT, WEBROOT "/", local-memory cache).
const localSettings = ({
  keystoneUrl,
  secretKey,
  folder,
}) => `# Written by bench/lib/pages/horizon.mjs for one bench run.
import os
DEBUG = False
ALLOWED_HOSTS = ["127.0.0.1", "localhost"]
LOCAL_PATH = ${JSON.stringify(folder)}
SECRET_KEY = ${JSON.stringify(secretKey)}
OPENSTACK_HOST = "127.0.0.1"
OPENSTACK_KEYSTONE_URL = ${JSON.stringify(keystoneUrl)}
OPENSTACK_API_VERSIONS = {"identity": 3}
OPENSTACK_KEYSTONE_DEFAULT_DOMAIN = "Default"
OPENSTACK_KEYSTONE_DEFAULT_ROLE = "member"
# Sessions in the process's memory (one gunicorn worker): a signed cookie cannot hold the token and catalog.
SESSION_ENGINE = "django.contrib.sessions.backends.cache"
CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
SESSION_COOKIE_SECURE = False
CSRF_COOKIE_SECURE = False
TIME_ZONE = "UTC"
OPENSTACK_NEUTRON_NETWORK = {"enable_router": True, "enable_quotas": True, "enable_distributed_router": False, "enable_ha_router": False}
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"level": "WARNING", "class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": "WARNING"},
}
`;

const wsgi = `# Horizon's WSGI application with whitenoise in front for the static files (Apache's job in Debian).
import os
os.environ["DJANGO_SETTINGS_MODULE"] = "openstack_dashboard.settings"
from django.conf import settings
from django.core.wsgi import get_wsgi_application
from whitenoise import WhiteNoise
# Long-lived caching as Debian's Apache site gives /static: repeated loads read them from the browser cache.
application = WhiteNoise(get_wsgi_application(), root=settings.STATIC_ROOT, prefix=settings.STATIC_URL, max_age=15552000)
`;

/**
 * Starts Horizon against `keystoneUrl`; resolves to `{ url, stop, logFile }`
 * once its login page answers. `stop()` ends gunicorn and removes the folder.
 */
export async function startHorizon({ keystoneUrl, log = () => {} }) {
  if (!existsSync(HORIZON_PACKAGE)) throw new Error("Horizon is not installed (openstack-dashboard)");
  if (!existsSync(join(DEBIAN_STATIC, "dashboard"))) {
    throw new Error(`${DEBIAN_STATIC} holds no compressed files: reinstall openstack-dashboard`);
  }
  const folder = mkdtempSync(join(tmpdir(), "zenith-bench-horizon-"));
  mkdirSync(join(folder, "local"));
  writeFileSync(join(folder, "local", "__init__.py"), "");
  writeFileSync(
    join(folder, "local", "local_settings.py"),
    localSettings({ keystoneUrl, secretKey: randomBytes(32).toString("hex"), folder }),
  );
  writeFileSync(join(folder, "horizon_wsgi.py"), wsgi);
  const logFile = join(folder, "horizon.log");
  const logStream = createWriteStream(logFile);
  const port = await freePort();
  const url = `http://127.0.0.1:${port}`;
  log(`Horizon on ${url} (settings in ${folder})`);
  // One worker: sessions live in its memory. Threads so the browser's parallel requests overlap.
  const child = startService(
    "horizon",
    "/usr/bin/gunicorn",
    [
      "--bind",
      `127.0.0.1:${port}`,
      "--workers",
      "1",
      "--threads",
      "4",
      "--worker-class",
      "gthread",
      "--timeout",
      "300",
      "--chdir",
      folder,
      "horizon_wsgi:application",
    ],
    {
      cwd: folder,
      env: { PYTHONPATH: folder, PYTHONDONTWRITEBYTECODE: "1" },
      quiet: true,
      logStream,
    },
  );
  let stopped = false;
  const stop = async () => {
    if (stopped) return;
    stopped = true;
    await stopServices([child]);
    logStream.end();
    if (!process.env.BENCH_KEEP_LOG) rmSync(folder, { recursive: true, force: true });
  };
  try {
    await waitForUrl(`${url}/auth/login/`, { child, timeoutMs: 180_000 });
  } catch (err) {
    await stop();
    throw err;
  }
  return { url, stop, logFile, folder };
}

/** Logs in through Horizon's form (the same user as Zenith's portal); resolves once a dashboard page loaded. */
export async function horizonLogin(page, username, password) {
  await page.goto("/auth/login/");
  await page.locator("#id_username").fill(username);
  await page.locator("#id_password").fill(password);
  await Promise.all([
    page.waitForURL((u) => !u.pathname.startsWith("/auth/")),
    page.locator("#loginBtn").click(),
  ]);
}
