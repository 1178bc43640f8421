import { describe, expect, it } from "vitest";
import { usageByDay } from "../src/services/compute/overview.ts";
import { imagePatch } from "../src/services/images/images.ts";

describe("usageByDay", () => {
  it("cuts each server's lifetime into the UTC days it overlaps", () => {
    const end = new Date("2024-01-14T12:00:00Z");
    const base = { instance_id: "i", name: "n", hours: 0, tenant_id: "p", state: "active" };
    const days = usageByDay(
      [
        {
          ...base,
          vcpus: 2,
          memory_mb: 1024,
          local_gb: 10,
          started_at: "2024-01-13T12:00:00",
          ended_at: null,
        },
        {
          ...base,
          vcpus: 1,
          memory_mb: 512,
          local_gb: 1,
          started_at: "2023-12-01T00:00:00",
          ended_at: "2024-01-01T06:00:00",
        },
      ],
      end,
    );
    expect(days).toHaveLength(14);
    expect(days[0]).toMatchObject({ date: "2024-01-01", instances: 1, vcpuHours: 6, ramMbHours: 3072 });
    expect(days[12]).toMatchObject({ date: "2024-01-13", instances: 1, vcpuHours: 24, diskGbHours: 120 });
    expect(days[13]).toMatchObject({ date: "2024-01-14", instances: 1, vcpuHours: 24 });
  });
});

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
