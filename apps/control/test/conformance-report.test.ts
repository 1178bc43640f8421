/**
 * docs/conformance.md's table (scripts/conformance/report.mjs): Tempest's
 * reasons are cut (they can carry tracebacks), our own notes from
 * known.json are shown whole. The page once ended the only failing network
 * test's note mid-word ("…cannot see the router the prima").
 */
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { z } from "zod";

const repoRoot = fileURLToPath(new URL("../../../", import.meta.url));

// The module is plain JavaScript: its export is checked at this edge, then its result.
const ZModule = z.object({
  renderReport: z.custom<(input: unknown) => unknown>((v) => typeof v === "function"),
});
const ZReport = z.object({ markdown: z.string(), summary: z.string() });
const load = async () => ZModule.parse(await import(join(repoRoot, "scripts/conformance/report.mjs")));

const TEST = "tempest.api.network.test_routers.RoutersTest.test_update_router_unset_gateway";
const ID = "cbe42f84-04c2-11e7-8adb-fa163e4fa634";

function render(renderReport: (input: unknown) => unknown, reason: string, note: string) {
  return ZReport.parse(
    renderReport({
      tests: [{ test: TEST, idempotentId: ID, aliases: [], service: "network", flagged: true }],
      results: [{ id: `${TEST}[id-${ID}]`, status: "fail", reason }],
      commit: "abc1234",
      tempestVersion: "33.0.0",
      known: { [TEST.replace(/^tempest\.api\./, "")]: note },
    }),
  );
}

describe("conformance report", () => {
  it("shows a known note whole, however long, and cuts Tempest's reason at 300 characters", async () => {
    const { renderReport } = await load();
    const note = `by design | ${"the dynamic admin is admin of its own project only ".repeat(8)}(404 RouterNotFound)`;
    const reason = `Traceback ${"x".repeat(600)}`;
    const { markdown, summary } = render(renderReport, reason, note);
    expect(summary).toContain("network: 0 passed, 1 failed, 0 skipped");
    const row = markdown.split("\n").find((l) => l.includes("test_update_router_unset_gateway"));
    expect(row).toBeDefined();
    const cells = (row ?? "").split(" | ");
    expect(cells.at(-1)).toBe(`${note.replace(/\s+/g, " ").trim().replace("|", "\\|")} |`);
    expect(note.length).toBeGreaterThan(300);
    const reasonCell = cells.find((c) => c.startsWith("Traceback"));
    expect(reasonCell).toHaveLength(300);
  });
});
