import { describe, expect, it } from "vitest";
import { imagePatch } from "../src/services/images/images.ts";

describe("imagePatch", () => {
  it("replaces known keys, adds new properties and removes cleared ones", () => {
    const current = {
      id: "x",
      name: "old",
      status: "active",
      visibility: "private",
      min_disk: 0,
      min_ram: 0,
      protected: false,
      tags: [],
      created_at: "2024-01-01T00:00:00Z",
      os_distro: "cirros",
    };
    expect(
      imagePatch(current, { id: "x", name: "new", properties: { hw_disk_bus: "virtio", os_distro: null } }),
    ).toEqual([
      { op: "replace", path: "/name", value: "new" },
      { op: "add", path: "/hw_disk_bus", value: "virtio" },
      { op: "remove", path: "/os_distro" },
    ]);
  });
});
