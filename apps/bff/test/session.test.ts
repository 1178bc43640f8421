import { describe, expect, it } from "vitest";
import {
  CHUNK_SIZE,
  encodeSessionCookie,
  findSessionCookie,
  isSessionExpired,
  parseCookies,
  readSession,
  SECURE_SESSION_COOKIE,
  SESSION_COOKIE,
} from "../src/session.ts";
import { keystoneSession, SECRET, sessionCookie } from "./helpers.ts";

/** Turns Set-Cookie headers back into a Cookie request header, as a browser would. */
function asRequestCookies(setCookies: string[]): string {
  return setCookies
    .filter((h) => !h.includes("Max-Age=0"))
    .map((h) => h.split(";")[0])
    .join("; ");
}

describe("session cookie", () => {
  it("decodes a next-auth cookie and keeps its claims and lifetime", async () => {
    const ks = keystoneSession();
    const session = await readSession(`other=1; ${await sessionCookie(ks, { maxAge: 7200 })}`, SECRET);
    expect(session?.keystone).toEqual(ks);
    expect(session?.cookieName).toBe(SESSION_COOKIE);
    expect(session?.maxAge).toBe(7200);
    expect(session?.claims.sub).toBe("u-demo");
  });

  it("reads the __Secure- cookie name with its own salt", async () => {
    const ks = keystoneSession();
    const session = await readSession(await sessionCookie(ks, { name: SECURE_SESSION_COOKIE }), SECRET);
    expect(session?.cookieName).toBe(SECURE_SESSION_COOKIE);
  });

  it("is null without a cookie, with a wrong secret, or with garbage", async () => {
    expect(await readSession(undefined, SECRET)).toBeNull();
    expect(
      await readSession(await sessionCookie(keystoneSession(), { secret: "another-secret" }), SECRET),
    ).toBeNull();
    expect(await readSession(`${SESSION_COOKIE}=garbage`, SECRET)).toBeNull();
  });

  it("round-trips: encode with a new keystone claim, decode the Set-Cookie", async () => {
    const session = await readSession(await sessionCookie(keystoneSession(), { maxAge: 1000 }), SECRET);
    if (!session) throw new Error("no session");
    const next = keystoneSession({
      token: "tok-new",
      project: { id: "p2", name: "other", domainId: "default" },
    });
    const headers = await encodeSessionCookie({ session, keystone: next, secret: SECRET });
    expect(headers).toHaveLength(1);
    expect(headers[0]).toMatch(
      /^authjs\.session-token=[^;]+; Path=\/; HttpOnly; SameSite=Lax; Max-Age=1000; Expires=/,
    );
    expect(headers[0]).not.toContain("Secure");
    const reread = await readSession(asRequestCookies(headers), SECRET);
    expect(reread?.keystone).toEqual(next);
    expect(reread?.claims.sub).toBe("u-demo");
    expect(reread?.maxAge).toBe(1000);
  });

  it("chunks a large session and reassembles chunks in numeric order", async () => {
    const big = keystoneSession({
      roles: Array.from({ length: 400 }, (_, i) => `role-with-a-long-name-${i}`),
    });
    const session = await readSession(await sessionCookie(keystoneSession()), SECRET);
    if (!session) throw new Error("no session");
    const headers = await encodeSessionCookie({ session, keystone: big, secret: SECRET });
    const names = headers.map((h) => h.split("=")[0]);
    expect(names.length).toBeGreaterThan(2);
    expect(names).toContain(`${SESSION_COOKIE}.0`);
    // The previous unchunked cookie is expired so two versions never coexist.
    expect(headers.find((h) => h.startsWith(`${SESSION_COOKIE}=;`))).toContain("Max-Age=0");
    for (const h of headers) expect((h.split(";")[0] ?? "").length).toBeLessThanOrEqual(CHUNK_SIZE + 40);
    // Reverse the order to prove chunks are sorted by index, not by header order.
    const reversed = asRequestCookies(headers).split("; ").reverse().join("; ");
    const reread = await readSession(reversed, SECRET);
    expect(reread?.keystone.roles).toHaveLength(400);
    expect(reread?.cookieNames.length).toBe(names.length - 1);

    // Going back to a small session expires the chunks.
    if (!reread) throw new Error("no session");
    const small = await encodeSessionCookie({ session: reread, keystone: keystoneSession(), secret: SECRET });
    expect(small.filter((h) => h.includes("Max-Age=0")).map((h) => h.split("=")[0])).toEqual(
      reread.cookieNames,
    );
  });

  it("marks __Secure- cookies Secure", async () => {
    const session = await readSession(
      await sessionCookie(keystoneSession(), { name: SECURE_SESSION_COOKIE }),
      SECRET,
    );
    if (!session) throw new Error("no session");
    const [header] = await encodeSessionCookie({ session, keystone: keystoneSession(), secret: SECRET });
    expect(header).toMatch(/^__Secure-authjs\.session-token=.*; Secure$/);
  });

  it("parses cookie headers and ignores unrelated dotted names", () => {
    const cookies = parseCookies(
      "a=1; authjs.session-token.x=nope; authjs.session-token.1=B; authjs.session-token.0=A",
    );
    expect(findSessionCookie(cookies)).toEqual({
      name: SESSION_COOKIE,
      value: "AB",
      cookieNames: [`${SESSION_COOKIE}.0`, `${SESSION_COOKIE}.1`],
    });
  });

  it("knows when the Keystone token has expired", () => {
    expect(isSessionExpired(keystoneSession({ expiresAt: new Date(Date.now() - 1000).toISOString() }))).toBe(
      true,
    );
    expect(isSessionExpired(keystoneSession())).toBe(false);
    expect(isSessionExpired(keystoneSession({ expiresAt: "not a date" }))).toBe(true);
  });
});
