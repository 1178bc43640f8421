import { existsSync, readFileSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

export const BENCHMARKS_DOC = join(dirname(fileURLToPath(import.meta.url)), "../../docs/benchmarks.md");

/**
 * Writes a bench's figures into docs/benchmarks.md between its markers,
 * `<!-- bench:<key>:start -->` and `<!-- bench:<key>:end -->`, leaving the
 * prose around them as the authors wrote it. Where the markers are absent,
 * `appendUnder` (a heading and an introduction) starts a new section at the
 * end; without it nothing is written and the bench is told so (its table is
 * on its output already). Returns whether the document was written.
 *
 * @param {string} key
 * @param {string} table
 * @param {{ appendUnder?: string, path?: string }} [options]
 * @returns {boolean}
 */
export function writeDocSection(key, table, { appendUnder, path = BENCHMARKS_DOC } = {}) {
  const start = `<!-- bench:${key}:start -->`;
  const end = `<!-- bench:${key}:end -->`;
  const block = `${start}\n${table}\n${end}`;
  const doc = existsSync(path) ? readFileSync(path, "utf8") : "";
  const at = doc.indexOf(start);
  const until = at < 0 ? -1 : doc.indexOf(end, at);
  if (at >= 0 && until >= 0) {
    // Sliced, not String.replace: a table may hold `$&` or `$1`, which a replacement string would expand.
    writeFileSync(path, `${doc.slice(0, at)}${block}${doc.slice(until + end.length)}`);
    return true;
  }
  if (appendUnder !== undefined) {
    writeFileSync(path, `${doc.trimEnd()}\n\n${appendUnder}\n\n${block}\n`);
    return true;
  }
  process.stderr.write(`${path} has no ${start} … ${end} markers: the table above was not written there.\n`);
  return false;
}
