// The interop 2020.06 tests Zenith is measured against: every test of the
// `required` capabilities of the "OpenStack Powered Compute" component whose
// service Zenith serves (identity, compute, image, network, block storage).
// The add-ons shipped next to the guideline (dns, orchestration) cover no
// service of Zenith's.
// The list is generated from the guideline into interop-2020.06-required.json
// (kept in the repository, so a run needs no copy of the guideline):
//   npm run conformance -- --guideline path/to/2020.06.json --list-only
import { spawnSync } from "node:child_process";
import { readFileSync, writeFileSync } from "node:fs";

export const LIST_FILE = new URL("./interop-2020.06-required.json", import.meta.url).pathname;

/** Capability prefix → the service column of the report. */
const SERVICES = {
  identity: "identity",
  compute: "compute",
  images: "image",
  networks: "network",
  volumes: "volume",
};

/**
 * Reads the guideline; returns one entry per required test:
 * `{ test, aliases, idempotentId, capability, service, flagged }`
 * (`flagged`: the guideline's reason the test does not count, or null).
 */
export function testsFromGuideline(file) {
  const doc = JSON.parse(readFileSync(file, "utf8"));
  const component = doc.components?.os_powered_compute;
  if (!component) throw new Error(`${file}: no os_powered_compute component`);
  const out = [];
  for (const capability of component.capabilities.required) {
    const service = SERVICES[capability.split("-")[0]];
    if (!service) continue;
    const cap = doc.capabilities[capability];
    if (!cap) throw new Error(`${file}: capability ${capability} is listed but not defined`);
    for (const [test, meta] of Object.entries(cap.tests)) {
      const idempotentId = String(meta.idempotent_id ?? "").replace(/^id-/, "");
      if (!/^[0-9a-f-]{36}$/.test(idempotentId)) throw new Error(`${test}: no idempotent id`);
      out.push({
        test,
        aliases: meta.aliases ?? [],
        idempotentId,
        capability,
        service,
        flagged: meta.flagged ? (meta.flagged.reason ?? "flagged") : null,
      });
    }
  }
  return out;
}

/** Regenerates the committed list from the guideline; returns its tests. */
export function writeTestList(guideline) {
  const tests = testsFromGuideline(guideline);
  writeFileSync(LIST_FILE, `${JSON.stringify({ guideline: "2020.06", tests }, null, 2)}\n`);
  // In the repository's JSON style, so `npm run lint` stays clean.
  spawnSync("npx", ["biome", "format", "--write", LIST_FILE], { stdio: "ignore" });
  return tests;
}

/** The committed list of required tests. */
export function requiredTests() {
  return JSON.parse(readFileSync(LIST_FILE, "utf8")).tests;
}

/**
 * A stestr include list: one regex per test, on its idempotent id, so a
 * test found under a renamed class (the guideline's aliases) still runs.
 */
export function includeList(tests) {
  return `${tests.map((t) => `\\[.*\\bid-${t.idempotentId}\\b`).join("\n")}\n`;
}
