// Turns tempest results into docs/conformance.md: a summary line per
// service, then one row per required test.

const STATUS = { success: "passed", fail: "failed", skip: "skipped", xfail: "passed", uxsuccess: "failed" };

/** The idempotent id in a tempest test id: `...test_x[id-<uuid>,smoke]`. */
function idOf(testId) {
  return /\bid-([0-9a-f-]{36})\b/.exec(testId)?.[1] ?? null;
}

/** `setUpClass (tempest.api.x.Class)` → `tempest.api.x.Class`. */
function fixtureClass(testId) {
  return /^(?:setUpClass|tearDownClass) \((.+)\)$/.exec(testId)?.[1] ?? null;
}

/** One table cell: pipes escaped, whitespace folded, at most `max` characters. */
const cell = (text, max = Number.POSITIVE_INFINITY) =>
  String(text).replace(/\|/g, "\\|").replace(/\s+/g, " ").trim().slice(0, max);
/** Tempest's reasons can carry whole tracebacks; the notes are ours (known.json) and are shown whole. */
const REASON_MAX = 300;

/**
 * tests: requiredTests() entries; results: parse-subunit.py rows.
 * A test with no row of its own takes its class's setUpClass outcome
 * (tempest reports a failed or skipped class only there).
 */
export function renderReport({ tests, results, commit, tempestVersion, filter, known = {}, where }) {
  const byId = new Map();
  const byClass = new Map();
  for (const r of results) {
    const cls = fixtureClass(r.id);
    if (cls) {
      if (r.status !== "success") byClass.set(cls, r);
      continue;
    }
    const id = idOf(r.id);
    if (id) byId.set(id, r);
  }
  const rows = tests.map((t) => {
    const own = byId.get(t.idempotentId);
    if (own) {
      return {
        ...t,
        status: STATUS[own.status] ?? own.status,
        reason: own.reason,
        ran: own.id.split("[")[0],
      };
    }
    const classes = [t.test, ...t.aliases].map((n) => n.slice(0, n.lastIndexOf(".")));
    const fixture = classes.map((c) => byClass.get(c)).find(Boolean);
    if (fixture) {
      const status = fixture.status === "skip" ? "skipped" : "failed";
      return { ...t, status, reason: `setUpClass: ${fixture.reason}`, ran: t.test };
    }
    return { ...t, status: "not run", reason: "not found in this Tempest (id not discovered)", ran: t.test };
  });

  const services = ["identity", "compute", "image", "network", "volume"];
  const count = (svc, status) => rows.filter((r) => r.service === svc && r.status === status).length;
  const parts = services.map((svc) => {
    const others = rows.filter(
      (r) => r.service === svc && !["passed", "failed", "skipped"].includes(r.status),
    );
    return `${svc}: ${count(svc, "passed")} passed, ${count(svc, "failed")} failed, ${count(svc, "skipped")} skipped${
      others.length ? `, ${others.length} not run` : ""
    }`;
  });
  const summary = `${parts.join(" · ")} (of ${rows.length} required tests)`;

  const order = { failed: 0, "not run": 1, skipped: 2, passed: 3 };
  const sorted = [...rows].sort(
    (a, b) =>
      services.indexOf(a.service) - services.indexOf(b.service) ||
      (order[a.status] ?? 9) - (order[b.status] ?? 9) ||
      a.test.localeCompare(b.test),
  );
  const lines = [
    "# Conformance: interop 2020.06 required tests (identity, compute, image, network, volume)",
    "",
    `**${summary}**`,
    "",
    `Tempest ${tempestVersion || "(unknown)"} (Debian) against Zenith \`${commit || "?"}\`,` +
      ` ${where ?? "on a fresh control plane (PGlite) with two fake compute hosts, their network agents and one volume host (fake drivers)"}.` +
      (filter ? ` Only tests matching \`${filter}\`.` : ""),
    "",
    "## How to run",
    "",
    "```sh",
    "npm run conformance                      # fresh Zenith in a temporary folder; rewrites this file",
    "npm run conformance -- --url http://localhost:5000 --admin-password PW   # a running Zenith",
    "npm run conformance -- --filter test_keypairs   # a subset; its table goes to the workspace",
    "```",
    "",
    "Needs Debian's `tempest` and `python3-subunit` (run with `/usr/bin/python3`); not part of `npm test`.",
    "A run takes about seven minutes (`--concurrency 2`, the most it allows). It exits 0 once the",
    "table is written, whatever the tests did (failures are listed here), and non-zero when the run",
    "itself could not be made (no cloud, no admin login, no Tempest). The runner",
    "(`scripts/conformance/run.mjs`) writes a Tempest workspace with `tempest.conf` from",
    "`scripts/conformance/tempest.conf.template`: dynamic credentials made by the bootstrap admin,",
    "identity v3 only, nova/glance/keystone/neutron/cinder available and swift not, the compute",
    "and volume features Zenith serves, the two smallest flavors and two public images (it uploads",
    "`conformance-alt` on a fresh cloud), the external network `public` as `public_network_id`",
    "and exactly the extensions `GET /v2.0/extensions` (network) and `GET /extensions` (volume)",
    "list as `api_extensions` (tempest's `all` assumes Cinder's whole set, os-hosts included). It runs",
    "the test list by idempotent id, reads the results with `stestr last --subunit`, and renders",
    "this page.",
    "",
    "## What is measured",
    "",
    "Every test of the `required` capabilities of the 2020.06 guideline's `os_powered_compute`",
    "component whose service Zenith serves (`scripts/conformance/interop-2020.06-required.json`,",
    "generated from the guideline with `--guideline 2020.06.json --list-only`):",
    "`identity-v3-*`, `compute-*`, `images-v2-*`, `networks-*` and `volumes-*`; the 2020.06 add-ons (dns, orchestration)",
    "cover no Zenith service. Tests the guideline flags (they do not count towards interop) are",
    "marked *flagged*. A test without a row of its own takes its class's `setUpClass` outcome.",
    "",
    "## Results",
    "",
    "The notes column says why a test does not pass, and whose area the fix is in",
    "(`scripts/conformance/known.json`).",
    "",
    "| test | service | status | reason | notes |",
    "|---|---|---|---|---|",
    ...sorted.map((r) => {
      const name = r.test.replace(/^tempest\.api\./, "");
      const flag = r.flagged ? " *(flagged)*" : "";
      const note = r.status === "passed" ? "" : (known[name] ?? "");
      return `| \`${name}\`${flag} | ${r.service} | ${r.status} | ${cell(r.reason || "", REASON_MAX)} | ${cell(note)} |`;
    }),
    "",
  ];
  return { markdown: lines.join("\n"), summary, rows };
}
