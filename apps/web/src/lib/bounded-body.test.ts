import { describe, expect, it } from "vitest";
import { readBounded } from "./bounded-body";

/** A body that produces chunks for as long as it is read, and records whether it was cancelled. */
function endless(chunkSize: number) {
  const state = { pulled: 0, cancelled: false };
  const stream = new ReadableStream<Uint8Array>({
    pull(controller) {
      state.pulled += chunkSize;
      controller.enqueue(new Uint8Array(chunkSize));
    },
    cancel() {
      state.cancelled = true;
    },
  });
  return { stream, state };
}

function bodyOf(text: string): ReadableStream<Uint8Array> {
  return new Blob([text]).stream();
}

describe("readBounded", () => {
  it("returns a body within the bound whole", async () => {
    const bytes = await readBounded(bodyOf('{"a":1}'), "7", 1024);
    expect(new TextDecoder().decode(bytes ?? new Uint8Array())).toBe('{"a":1}');
  });

  it("refuses a declared oversized body without reading it", async () => {
    const { stream, state } = endless(1024);
    expect(await readBounded(stream, String(10 * 1024 * 1024), 64 * 1024)).toBeNull();
    expect(state.cancelled).toBe(true);
    // The stream may have pre-filled its queue once; nothing near the declared size was read.
    expect(state.pulled).toBeLessThanOrEqual(2 * 1024);
  });

  it("stops reading an endless undeclared body just past the bound", async () => {
    const { stream, state } = endless(4096);
    expect(await readBounded(stream, null, 64 * 1024)).toBeNull();
    expect(state.cancelled).toBe(true);
    expect(state.pulled).toBeLessThanOrEqual(64 * 1024 + 2 * 4096);
  });
});
