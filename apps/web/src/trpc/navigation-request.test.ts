import { describe, expect, it } from "vitest";
import { CLIENT_NAVIGATION_HEADER, markClientNavigation } from "./navigation-request";

describe("markClientNavigation", () => {
  it("marks Next's router requests and keeps the caller's other headers", () => {
    const out = markClientNavigation(new Headers({ rsc: "1", cookie: "a=b" }));
    expect(out.get(CLIENT_NAVIGATION_HEADER)).toBe("1");
    expect(out.get("cookie")).toBe("a=b");
  });

  it("never passes on a mark the browser sent itself", () => {
    const forged = markClientNavigation(new Headers({ [CLIENT_NAVIGATION_HEADER]: "1" }));
    expect(forged.get(CLIENT_NAVIGATION_HEADER)).toBeNull();
    const document = markClientNavigation(new Headers({ rsc: "0", [CLIENT_NAVIGATION_HEADER]: "1" }));
    expect(document.get(CLIENT_NAVIGATION_HEADER)).toBeNull();
  });
});
