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

const cell = (text) => String(text).replace(/\|/g, "\\|").replace(/\s+/g, " ").trim().slice(0, 300);

/**
 * tests: requiredTests() entries; results: parse-subunit.py rows.
 * A test with no row of its own takes its class's setUpClass outcome
 * (tempest reports a failed or skipped class only there).
 */
export function renderReport({ tests, results, commit, tempestVersion, filter }) {
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

  const services = ["identity", "compute", "image"];
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
    "# Conformance: interop 2020.06 required tests (identity, compute, image)",
    "",
    `**${summary}**`,
    "",
    `Tempest ${tempestVersion || "(unknown)"} (Debian) against Zenith \`${commit || "?"}\`, run by` +
      " `npm run conformance` (`scripts/conformance/`), on a fresh control plane with fake compute hosts." +
      (filter ? ` Only tests matching \`${filter}\`.` : ""),
    "The test list is every test of the `required` capabilities of the guideline's `os_powered_compute`",
    "component whose service Zenith serves; network and block-storage capabilities are out of scope",
    "(Zenith has no Neutron or Cinder), and the 2020.06 add-ons (dns, orchestration) cover no Zenith service.",
    "Tests the guideline flags (they do not count towards interop) are marked *flagged*.",
    "",
    "| test | service | status | reason |",
    "|---|---|---|---|",
    ...sorted.map((r) => {
      const name = r.test.replace(/^tempest\.api\./, "");
      const flag = r.flagged ? " *(flagged)*" : "";
      return `| \`${name}\`${flag} | ${r.service} | ${r.status} | ${cell(r.reason || "")} |`;
    }),
    "",
  ];
  return { markdown: lines.join("\n"), summary, rows };
}
