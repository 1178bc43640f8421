import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { buildAuthRequest } from "../src/keystone/auth.ts";

const sample = (name: string): unknown =>
  JSON.parse(readFileSync(new URL(`./fixtures/${name}`, import.meta.url), "utf8"));

describe("buildAuthRequest", () => {
  it("builds an explicitly unscoped password request as in the API reference", () => {
    const body = buildAuthRequest(
      { method: "password", user: { id: "ee4dfb6e5540447cb3741905149d9b6e" }, password: "devstacker" },
      "unscoped",
    );
    expect(body).toEqual(sample("auth-password-explicit-unscoped-request.json"));
  });

  it("builds a token rescope request", () => {
    const body = buildAuthRequest(
      { method: "token", token: "'$OS_TOKEN'" },
      { project: { id: "5b50efd009b540559104ee3c03bbb2b7" } },
    );
    expect(body).toEqual(sample("auth-token-scoped-request.json"));
  });

  it("builds an application credential request and never adds a scope to it", () => {
    const body = buildAuthRequest(
      { method: "application_credential", id: "423f19a4ac1e4f48bbb4180756e6eb6c", secret: "rEaqvJka48mpv" },
      { project: { id: "ignored" } },
    );
    expect(body).toEqual(sample("auth-application-credential-id-request.json"));
  });

  it("builds name+domain password requests and system scope", () => {
    expect(
      buildAuthRequest(
        { method: "password", user: { name: "admin", domain: { name: "Default" } }, password: "p" },
        { system: true },
      ),
    ).toEqual({
      auth: {
        identity: {
          methods: ["password"],
          password: { user: { name: "admin", domain: { name: "Default" }, password: "p" } },
        },
        scope: { system: { all: true } },
      },
    });
  });
});
