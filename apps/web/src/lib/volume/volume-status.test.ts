import { describe, expect, it } from "vitest";
import { englishVolumeT } from "./test-translator";
import { volumeBlockedReason as blockedReason, volumeStatusText, volumeTone } from "./volume-status";

const t = englishVolumeT();
const volumeStatusLabel = (status: string) => volumeStatusText(t, status);
const volumeBlockedReason = (
  action: Parameters<typeof blockedReason>[1],
  volume: Parameters<typeof blockedReason>[2],
) => blockedReason(t, action, volume);

describe("volume status", () => {
  it("labels and colours Cinder statuses, unknown ones included", () => {
    expect(volumeStatusLabel("in-use")).toBe("In use");
    expect(volumeStatusLabel("error_deleting")).toBe("Error deleting");
    expect(volumeTone("creating")).toBe("busy");
    expect(volumeTone("error_something_new")).toBe("danger");
    expect(volumeTone("whatever")).toBe("muted");
  });

  it("says why an action does not apply", () => {
    const available = { status: "available", attachments: [] };
    const inUse = { status: "in-use", attachments: [{}] };
    expect(volumeBlockedReason("attach", available)).toBeNull();
    expect(volumeBlockedReason("attach", inUse)).toMatch(/available/);
    expect(volumeBlockedReason("delete", inUse)).toBe("Detach the volume first.");
    expect(volumeBlockedReason("extend", inUse)).toBeNull();
    expect(volumeBlockedReason("transfer", inUse)).toMatch(/detached/);
    expect(volumeBlockedReason("delete", { status: "creating", attachments: [] })).toBe(
      "The volume is busy.",
    );
  });
});
