import { describe, expect, it } from "vitest";
import { newCliSecret, newSecret, newTokenId } from "../src/crypto/token-id.ts";

// A token or secret that starts with "-" breaks `openstack token revoke <id>`
// (argparse reads it as an option): CI once drew one (1 in 64 per token).
describe("generated tokens and secrets", () => {
  it("never start with a dash, keep their length and stay base64url", () => {
    for (let i = 0; i < 2000; i++) {
      for (const [value, length] of [
        [newTokenId(), 43],
        [newSecret(), 24],
        [newCliSecret(48), 64],
      ] as const) {
        expect(value.startsWith("-")).toBe(false);
        expect(value).toHaveLength(length);
        expect(value).toMatch(/^[A-Za-z0-9_-]+$/);
      }
    }
  });
});
