import { describe, expect, it } from "vitest";
import { resolveLocale } from "./locale-negotiation";

describe("resolveLocale", () => {
  it("takes the cookie when it names a supported locale", () => {
    expect(resolveLocale("zh-CN", "en-US,en;q=0.9")).toBe("zh-CN");
    expect(resolveLocale("en", "zh-CN")).toBe("en");
  });

  it("ignores an unknown cookie and falls back to Accept-Language", () => {
    expect(resolveLocale("fr", "zh-CN,zh;q=0.9")).toBe("zh-CN");
  });

  it("matches Chinese variants to zh-CN and English variants to en", () => {
    expect(resolveLocale(undefined, "zh")).toBe("zh-CN");
    expect(resolveLocale(undefined, "zh-Hans-CN")).toBe("zh-CN");
    expect(resolveLocale(undefined, "en-US")).toBe("en");
    expect(resolveLocale(undefined, "en-GB,zh;q=0.5")).toBe("en");
    expect(resolveLocale(undefined, "fr-FR,zh-CN;q=0.8")).toBe("zh-CN");
  });

  it("falls back to English without a usable header", () => {
    expect(resolveLocale(undefined, null)).toBe("en");
    expect(resolveLocale(undefined, "fr-FR,de;q=0.8")).toBe("en");
    expect(resolveLocale(undefined, "!!!")).toBe("en");
    expect(resolveLocale(undefined, `zh-CN,${"x".repeat(600)}`)).toBe("en");
  });
});
