// `npm run conformance`: runs the interop 2020.06 required tests of identity,
// compute, image, network and block storage (Debian's Tempest) against a fresh Zenith, or against a
// running one with --url, and writes the results table to docs/conformance.md.
//
//   npm run conformance [-- --url http://localhost:5000 --admin-password PW]
//                       [--filter REGEX] [--out FILE] [--concurrency 1|2] [--keep]
//                       [--guideline interop/2020.06.json [--list-only]]
//
// --filter runs only the required tests whose name matches (the table then
// goes to the workspace unless --out is given). --guideline regenerates the
// committed test list from an interop guideline file. Not part of `npm test`.
import { spawn, spawnSync } from "node:child_process";
import { createWriteStream, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { parseArgs } from "node:util";
import { freePort, stopServices } from "../lib/processes.mjs";
import { ROOT } from "../lib/stack.mjs";
import {
  adminSession,
  computeMaxMicroversion,
  networkSettings,
  pickRefs,
  startCloud,
  volumeExtensions,
  waitForHosts,
} from "./cloud.mjs";
import { renderReport } from "./report.mjs";
import { includeList, requiredTests, writeTestList } from "./test-list.mjs";

const PYTHON = "/usr/bin/python3"; // Debian's, with python3-tempest and python3-subunit
const TEMPEST = "/usr/bin/tempest";
const HERE = join(ROOT, "scripts/conformance");
// A whole run takes minutes; this only stops a hung one.
const RUN_TIMEOUT_MS = 45 * 60_000;

const { values: opts } = parseArgs({
  options: {
    url: { type: "string" },
    "admin-password": { type: "string" },
    "admin-user": { type: "string", default: "admin" },
    "admin-project": { type: "string", default: "admin" },
    "admin-domain": { type: "string", default: "Default" },
    filter: { type: "string" },
    out: { type: "string" },
    concurrency: { type: "string", default: "2" },
    keep: { type: "boolean", default: false },
    guideline: { type: "string" },
    "list-only": { type: "boolean", default: false },
  },
});
if (opts.guideline) {
  const count = writeTestList(opts.guideline).length;
  process.stdout.write(
    `${count} required tests written to scripts/conformance/interop-2020.06-required.json\n`,
  );
  if (opts["list-only"]) process.exit(0);
}
const concurrency = Math.min(2, Math.max(1, Number(opts.concurrency) || 1));

// Debian's Tempest, stestr and subunit: installed when missing (as root), like `npm test` does.
if (spawnSync(join(ROOT, "scripts/ensure-system-deps.sh"), ["tempest"], { stdio: "inherit" }).status !== 0) {
  process.exit(1);
}

const work = mkdtempSync(join(tmpdir(), "zenith-conformance-"));
const say = (text) => process.stdout.write(`${text}\n`);
const log = createWriteStream(join(work, "zenith.log"));
let cloud;
let exitCode = 0;
// Ctrl-C: the services run in process groups of their own; stop them too.
for (const signal of ["SIGINT", "SIGTERM"]) {
  process.once(signal, async () => {
    if (cloud) await stopServices(cloud.children);
    process.exit(130);
  });
}
try {
  let baseUrl = opts.url?.replace(/\/$/, "");
  let adminPassword = opts["admin-password"] ?? process.env.OS_PASSWORD;
  if (!baseUrl) {
    adminPassword = `conformance-${Math.random().toString(36).slice(2)}`;
    say(`Starting Zenith (data in ${join(work, "data")}, log in ${join(work, "zenith.log")})…`);
    cloud = await startCloud({
      dataDir: join(work, "data"),
      port: await freePort(),
      adminPassword,
      logStream: log,
    });
    baseUrl = cloud.url;
  } else if (!adminPassword) {
    throw new Error("--url needs --admin-password (or OS_PASSWORD)");
  }

  const identityUrl = `${baseUrl}/identity/v3`;
  const admin = {
    user: opts["admin-user"],
    password: adminPassword,
    project: opts["admin-project"],
    domain: opts["admin-domain"],
  };
  const session = await adminSession(identityUrl, admin);
  for (const type of ["identity", "compute", "image", "network", "volumev3"]) {
    if (!session.endpoints[type]) throw new Error(`the catalog has no public ${type} endpoint`);
  }
  if (cloud) await waitForHosts(session.endpoints.compute, session.token, 2);
  const refs = await pickRefs(session.endpoints, session.token, { makeAltImage: Boolean(cloud) });
  const maxMicroversion = await computeMaxMicroversion(session.endpoints.compute);
  const network = await networkSettings(session.endpoints.network, session.token);
  const volumeExts = await volumeExtensions(session.endpoints.volumev3, session.token);

  // The tempest workspace: .stestr.conf from `tempest init`, our tempest.conf.
  const ws = join(work, "tempest");
  const init = spawnSync(TEMPEST, ["init", "--workspace-path", join(work, "workspace.yaml"), ws], {
    cwd: work,
    encoding: "utf8",
  });
  if (init.status !== 0) throw new Error(`tempest init failed: ${init.stderr}`);
  const fields = {
    LOG_DIR: ws,
    ADMIN_USER: admin.user,
    ADMIN_PASSWORD: admin.password,
    ADMIN_PROJECT: admin.project,
    ADMIN_DOMAIN: admin.domain,
    DEFAULT_DOMAIN_ID: session.domainId,
    IDENTITY_URL: identityUrl,
    REGION: session.region,
    IMAGE_REF: refs.imageRef,
    IMAGE_REF_ALT: refs.imageRefAlt,
    FLAVOR_REF: refs.flavorRef,
    FLAVOR_REF_ALT: refs.flavorRefAlt,
    COMPUTE_MAX_MICROVERSION: maxMicroversion,
    PUBLIC_NETWORK_ID: network.publicNetworkId,
    NETWORK_EXTENSIONS: network.extensions,
    VOLUME_EXTENSIONS: volumeExts,
  };
  const template = readFileSync(join(HERE, "tempest.conf.template"), "utf8");
  const conf = template.replace(/\{\{(\w+)\}\}/g, (_, k) => {
    if (!(k in fields)) throw new Error(`tempest.conf.template: unknown field ${k}`);
    return fields[k];
  });
  writeFileSync(join(ws, "etc", "tempest.conf"), conf, { mode: 0o600 });

  let tests = requiredTests();
  if (opts.filter) {
    const re = new RegExp(opts.filter);
    tests = tests.filter((t) => re.test(t.test));
  }
  const listFile = join(ws, "interop-2020.06-required.txt");
  writeFileSync(listFile, includeList(tests));
  say(`Running ${tests.length} interop 2020.06 required tests (concurrency ${concurrency}) in ${ws}…`);

  const code = await runBounded(
    TEMPEST,
    [
      "run",
      "--config-file",
      join(ws, "etc", "tempest.conf"),
      "--include-list",
      listFile,
      "--concurrency",
      String(concurrency),
    ],
    { cwd: ws, timeoutMs: RUN_TIMEOUT_MS },
  );
  say(`tempest run exited with ${code}`);

  const stream = spawnSync("/usr/bin/stestr", ["last", "--subunit"], {
    cwd: ws,
    maxBuffer: 256 * 1024 * 1024,
  });
  if (!stream.stdout?.length) throw new Error(`stestr last gave no subunit stream: ${stream.stderr}`);
  const parsed = spawnSync(PYTHON, [join(HERE, "parse-subunit.py")], {
    input: stream.stdout,
    encoding: "utf8",
    maxBuffer: 64 * 1024 * 1024,
  });
  if (parsed.status !== 0) throw new Error(`parse-subunit.py failed: ${parsed.stderr}`);
  const results = parsed.stdout
    .trim()
    .split("\n")
    .filter(Boolean)
    .map((l) => JSON.parse(l));
  writeFileSync(join(ws, "results.json"), JSON.stringify(results, null, 1));

  const commit = spawnSync("git", ["rev-parse", "--short", "HEAD"], {
    cwd: ROOT,
    encoding: "utf8",
  }).stdout.trim();
  const tempestVersion = spawnSync(
    PYTHON,
    ["-c", "import tempest.version as v; print(v.version_info.version_string())"],
    {
      encoding: "utf8",
    },
  ).stdout.trim();
  const known = JSON.parse(readFileSync(join(HERE, "known.json"), "utf8"));
  const { markdown, summary } = renderReport({
    known,
    where: cloud ? undefined : `at ${baseUrl}`,
    tests,
    results,
    commit,
    tempestVersion,
    filter: opts.filter,
  });
  const out = opts.out ?? (opts.filter ? join(ws, "conformance.md") : join(ROOT, "docs/conformance.md"));
  mkdirSync(join(out, ".."), { recursive: true });
  writeFileSync(out, markdown);
  say(`\n${summary}\nReport: ${out}\nWorkspace: ${ws}`);
} catch (err) {
  process.stderr.write(`conformance: ${err.message}\n(Zenith log: ${join(work, "zenith.log")})\n`);
  exitCode = 1;
} finally {
  if (cloud) await stopServices(cloud.children);
  log.end();
  if (!opts.keep && exitCode === 0) rmSync(join(work, "data"), { recursive: true, force: true });
}
process.exit(exitCode);

/** Runs a command with inherited output; kills its process group after `timeoutMs`. */
function runBounded(command, args, { cwd, timeoutMs }) {
  return new Promise((resolve) => {
    const child = spawn(command, args, { cwd, stdio: "inherit", detached: true });
    const timer = setTimeout(() => {
      process.stderr.write(`conformance: tempest ran over ${timeoutMs / 60_000} min; stopping it\n`);
      try {
        process.kill(-child.pid, "SIGTERM");
      } catch {
        /* already gone */
      }
    }, timeoutMs);
    child.on("exit", (code, signal) => {
      clearTimeout(timer);
      resolve(code ?? (signal ? 1 : 0));
    });
  });
}
