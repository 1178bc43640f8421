/** How the benches write their figures into docs/benchmarks.md (bench/lib/doc-section.mjs). */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, describe, expect, it, vi } from "vitest";
import { writeDocSection } from "../../bench/lib/doc-section.mjs";

const dirs: string[] = [];
function doc(text: string): string {
  const dir = mkdtempSync(join(tmpdir(), "zenith-doc-"));
  dirs.push(dir);
  const path = join(dir, "benchmarks.md");
  writeFileSync(path, text);
  return path;
}
afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
  vi.restoreAllMocks();
});

describe("writeDocSection", () => {
  it("replaces only what lies between the bench's own markers, verbatim", () => {
    const path = doc(
      "# B\n\nprose\n<!-- bench:a:start -->\nold a\n<!-- bench:a:end -->\nmiddle\n<!-- bench:b:start -->\nold b\n<!-- bench:b:end -->\ntail\n",
    );
    // `$&` and `$1` would be expanded by a String.replace replacement string.
    expect(writeDocSection("a", "| x | $& $1 $$ |", { path })).toBe(true);
    expect(readFileSync(path, "utf8")).toBe(
      "# B\n\nprose\n<!-- bench:a:start -->\n| x | $& $1 $$ |\n<!-- bench:a:end -->\nmiddle\n<!-- bench:b:start -->\nold b\n<!-- bench:b:end -->\ntail\n",
    );
  });

  it("appends a new section under the given heading where the markers are absent", () => {
    const path = doc("# B\n\nprose\n\n");
    expect(writeDocSection("c", "table", { path, appendUnder: "## C\n\nintro" })).toBe(true);
    expect(readFileSync(path, "utf8")).toBe(
      "# B\n\nprose\n\n## C\n\nintro\n\n<!-- bench:c:start -->\ntable\n<!-- bench:c:end -->\n",
    );
  });

  it("writes nothing and says so when the markers are absent and no heading is given", () => {
    const said = vi.spyOn(process.stderr, "write").mockImplementation(() => true);
    const path = doc("# B\n<!-- bench:d:start -->\nno end marker\n");
    expect(writeDocSection("d", "table", { path })).toBe(false);
    expect(readFileSync(path, "utf8")).toBe("# B\n<!-- bench:d:start -->\nno end marker\n");
    expect(String(said.mock.calls[0]?.[0])).toContain("has no <!-- bench:d:start -->");
  });
});
