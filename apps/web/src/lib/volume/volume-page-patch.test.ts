import { describe, expect, it } from "vitest";
import { patchVolumePage } from "./volume-page-patch";

const row = (id: string, status: string) => ({
  id,
  name: id,
  description: "",
  status,
  transitional: status === "creating",
  size: 1,
  volumeType: null,
  availabilityZone: null,
  bootable: false,
  readonly: false,
  encrypted: false,
  multiattach: false,
  attachments: [],
  source: { kind: "empty" as const, id: null, name: null },
  projectId: "p",
  projectName: "demo",
  host: null,
  createdAt: "2024-01-01T00:00:00",
  updatedAt: null,
});

describe("patchVolumePage", () => {
  it("updates rows in place, removes deleted ones and names ids it does not hold", () => {
    const page = { items: [row("a", "creating"), row("b", "available")], total: 2, page: 1, pageSize: 20 };
    const result = patchVolumePage(page, {
      changed: [{ ...row("a", "available"), projectName: null }, row("c", "creating")],
      deleted: ["b"],
    });
    expect(result.page.items.map((v) => [v.id, v.status, v.projectName])).toEqual([
      ["a", "available", "demo"],
    ]);
    expect(result.page.total).toBe(1);
    expect(result.removed).toBe(1);
    expect([...result.unknown]).toEqual(["c"]);
  });
});
