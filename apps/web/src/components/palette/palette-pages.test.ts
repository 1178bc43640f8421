import { describe, expect, it } from "vitest";
import shellEn from "../../../messages/en/shell.json";
import shellZh from "../../../messages/zh-CN/shell.json";
import { NAV_SECTIONS } from "../../lib/navigation";
import { matchPages, palettePages } from "./palette-pages";

describe("the palette's pages", () => {
  it("offers every side-navigation page to admins and hides admin pages from members", () => {
    const all = NAV_SECTIONS.flatMap((s) => s.items);
    const admin = palettePages(true, shellEn).map((p) => p.href);
    for (const item of all) expect(admin).toContain(item.href);
    const member = palettePages(false, shellEn).map((p) => p.href);
    for (const item of all) expect(member.includes(item.href)).toBe(!item.adminOnly);
  });

  it("matches every typed word against the label and the section", () => {
    const pages = palettePages(true, shellEn);
    expect(matchPages(pages, "admin vol").map((p) => p.label)).toEqual([
      "All volumes",
      "Volume types",
      "Volume services",
    ]);
    expect(matchPages(pages, "  ").length).toBe(pages.length);
    expect(matchPages(pages, "nothing-like-this")).toEqual([]);
  });

  it("labels and matches pages in the reader's language", () => {
    const pages = palettePages(true, shellZh);
    expect(matchPages(pages, "卷").map((p) => p.label)).toEqual(["卷", "所有卷", "卷类型", "卷服务"]);
  });
});
