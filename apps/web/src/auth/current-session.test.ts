import { encode } from "@auth/core/jwt";
import { beforeEach, describe, expect, it, vi } from "vitest";

/**
 * The layout's session read: the cookie next-auth wrote, decoded without
 * next-auth (current-session.ts), must give what its session callback gave.
 */
vi.mock("server-only", () => ({}));
const cookieHeader = vi.hoisted(() => ({ value: "" }));
vi.mock("next/headers", () => ({
  headers: async () => new Headers(cookieHeader.value ? { cookie: cookieHeader.value } : {}),
}));

const SECRET = "current-session-test-secret-0123456789abcdef";
process.env.AUTH_SECRET = SECRET;
const { currentSession } = await import("./current-session");

const keystone = {
  token: "gAAAA-keystone-token",
  expiresAt: new Date(Date.now() + 3_600_000).toISOString(),
  user: { id: "u1", name: "alice", domainId: "default", domainName: "Default" },
  project: { id: "p1", name: "demo", domainId: "default" },
  roles: ["member"],
};

async function sessionCookie(claims: Record<string, unknown>, secret = SECRET): Promise<string> {
  const salt = "authjs.session-token";
  return `${salt}=${await encode({ token: claims, secret, salt })}`;
}

describe("currentSession", () => {
  beforeEach(() => {
    cookieHeader.value = "";
  });

  it("reads the public session from next-auth's cookie", async () => {
    cookieHeader.value = await sessionCookie({ sub: "u1", name: "alice", keystone });
    expect(await currentSession()).toEqual({
      user: keystone.user,
      project: { id: "p1", name: "demo" },
      roles: ["member"],
      isAdmin: false,
      expiresAt: keystone.expiresAt,
    });
  });

  it("is null without a cookie, with another secret's cookie, or past the Keystone token's expiry", async () => {
    expect(await currentSession()).toBeNull();
    cookieHeader.value = await sessionCookie({ keystone }, "another-secret-0123456789abcdef0123456789");
    expect(await currentSession()).toBeNull();
    cookieHeader.value = await sessionCookie({
      keystone: { ...keystone, expiresAt: "2020-01-01T00:00:00Z" },
    });
    expect(await currentSession()).toBeNull();
  });
});
