import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import {
  ZApplicationCredentialResponse,
  ZApplicationCredentialsResponse,
  ZCatalogResponse,
  ZGroupsResponse,
  ZProjectResponse,
  ZProjectsResponse,
  ZRoleAssignmentsResponse,
  ZRolesResponse,
  ZTokenResponse,
  ZUserResponse,
  ZUsersResponse,
} from "../src/keystone/schemas.ts";

/** Samples copied from the Keystone API reference (keystone/api-ref/source/v3/samples/admin). */
const sample = (name: string): unknown =>
  JSON.parse(readFileSync(new URL(`./fixtures/${name}`, import.meta.url), "utf8"));

describe("Keystone schemas accept the API reference samples", () => {
  it.each([
    ["auth-password-project-scoped-response.json", ZTokenResponse],
    ["auth-password-unscoped-response.json", ZTokenResponse],
    ["auth-token-scoped-response.json", ZTokenResponse],
    ["projects-list-response.json", ZProjectsResponse],
    ["project-show-response.json", ZProjectResponse],
    ["users-list-response.json", ZUsersResponse],
    ["user-show-response.json", ZUserResponse],
    ["groups-list-response.json", ZGroupsResponse],
    ["roles-list-response.json", ZRolesResponse],
    ["role-assignments-list-response.json", ZRoleAssignmentsResponse],
    ["role-assignments-effective-list-response.json", ZRoleAssignmentsResponse],
    ["application-credential-create-response.json", ZApplicationCredentialResponse],
    ["application-credential-list-response.json", ZApplicationCredentialsResponse],
    ["get-service-catalog-response.json", ZCatalogResponse],
  ] as const)("%s", (file, schema) => {
    const result = schema.safeParse(sample(file));
    expect(result.error?.message).toBeUndefined();
  });

  it("normalises optional fields", () => {
    const project = ZProjectResponse.parse(sample("project-show-response.json")).project;
    expect(project.description).toBeNull();
    expect(project.tags).toEqual([]);
    const token = ZTokenResponse.parse(sample("auth-password-project-scoped-response.json")).token;
    expect(token.project?.name).toBe("admin");
    expect(token.roles?.map((r) => r.name)).toEqual(["admin"]);
    const credential = ZApplicationCredentialResponse.parse(
      sample("application-credential-create-response.json"),
    );
    expect(credential.application_credential.secret).toBe("rEaqvJka48mpv");
  });

  it("reads Keystone 22 (Zed)'s `unrestricted: null` as restricted (tests/real-openstack)", () => {
    const credential = ZApplicationCredentialResponse.parse(
      sample("keystone-zed/application-credential-create-response.json"),
    ).application_credential;
    expect(credential.unrestricted).toBe(false);
    expect(credential.roles.map((r) => r.name)).toEqual(["reader", "member"]);
  });

  it("rejects a token without a user", () => {
    expect(ZTokenResponse.safeParse({ token: { methods: ["password"], expires_at: "x" } }).success).toBe(
      false,
    );
  });
});
