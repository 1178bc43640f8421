import { describe, expect, it } from "vitest";
import { NAV_SECTIONS } from "../../lib/navigation";
import { matchPages, palettePages } from "./palette-pages";

describe("the palette's pages", () => {
  it("offers every side-navigation page to admins and hides admin pages from members", () => {
    const all = NAV_SECTIONS.flatMap((s) => s.items);
    const admin = palettePages(true).map((p) => p.href);
    for (const item of all) expect(admin).toContain(item.href);
    const member = palettePages(false).map((p) => p.href);
    for (const item of all) expect(member.includes(item.href)).toBe(!item.adminOnly);
  });

  it("matches every typed word against the label and the section", () => {
    const pages = palettePages(true);
    expect(matchPages(pages, "admin vol").map((p) => p.label)).toEqual([
      "All volumes",
      "Volume types",
      "Volume services",
    ]);
    expect(matchPages(pages, "  ").length).toBe(pages.length);
    expect(matchPages(pages, "nothing-like-this")).toEqual([]);
  });
});
