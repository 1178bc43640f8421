import type { IncomingHttpHeaders } from "node:http";
import { describe, expect, it } from "vitest";
import { CLIENT_NAVIGATION_HEADER, markClientNavigation } from "../../client-navigation.mjs";

describe("markClientNavigation (server.mjs)", () => {
  it("marks Next's router requests and keeps the caller's other headers", () => {
    const headers: IncomingHttpHeaders = { rsc: "1", cookie: "a=b" };
    markClientNavigation(headers);
    expect(headers[CLIENT_NAVIGATION_HEADER]).toBe("1");
    expect(headers.cookie).toBe("a=b");
  });

  it("never passes on a mark the browser sent itself", () => {
    const forged: IncomingHttpHeaders = { [CLIENT_NAVIGATION_HEADER]: "1" };
    markClientNavigation(forged);
    expect(forged[CLIENT_NAVIGATION_HEADER]).toBeUndefined();
    const document: IncomingHttpHeaders = { rsc: "0", [CLIENT_NAVIGATION_HEADER]: "1" };
    markClientNavigation(document);
    expect(document[CLIENT_NAVIGATION_HEADER]).toBeUndefined();
  });
});
