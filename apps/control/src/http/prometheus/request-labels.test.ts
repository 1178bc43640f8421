import { describe, expect, it } from "vitest";
import { methodLabel, serviceOf, statusClass } from "./request-labels.ts";

describe("request metric labels", () => {
  it("names the API by the path's first segment, from a fixed set", () => {
    expect(serviceOf("/compute/v2.1/servers/:id")).toBe("compute");
    expect(serviceOf("/networking/v2.0/ports")).toBe("network");
    expect(serviceOf("/metric/v1/resource/:type")).toBe("metric");
    expect(serviceOf("/metrics")).toBe("prometheus");
    expect(serviceOf("/identity?x=1")).toBe("identity");
    // Anything a client invents folds into one value: the label stays bounded.
    expect(serviceOf("/")).toBe("other");
    expect(serviceOf("/constructor/x")).toBe("other");
    expect(serviceOf("/__proto__")).toBe("other");
    expect(serviceOf("/wp-admin/login.php")).toBe("other");
  });

  it("keeps the status class and folds invented methods", () => {
    expect(statusClass(204)).toBe("2xx");
    expect(statusClass(404)).toBe("4xx");
    expect(statusClass(503)).toBe("5xx");
    expect(statusClass(700)).toBe("other");
    expect(methodLabel("PATCH")).toBe("PATCH");
    expect(methodLabel("PROPFIND")).toBe("other");
  });
});
