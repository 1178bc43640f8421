import { randomBytes } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openstack, openstackJson, openstackOk, osEnv } from "./cli.ts";
import { type CliCloud, type Control, startCliCloud } from "./cloud.ts";

// The real python-openstackclient (Debian, Zed) against the real control plane.
const ADMIN_PASSWORD = "cli-admin-pw";
const suffix = randomBytes(3).toString("hex");
const names = {
  project: `acme-${suffix}`,
  user: `alice-${suffix}`,
  group: `devs-${suffix}`,
  cred: `cred-${suffix}`,
};

let cloud: CliCloud;
let control: Control;
let admin: NodeJS.ProcessEnv;

beforeAll(async () => {
  cloud = await startCliCloud("identity", {
    adminPassword: ADMIN_PASSWORD,
    demoPassword: "cli-demo-pw",
  });
  ({ control } = cloud);
  admin = cloud.admin;
});

afterAll(async () => {
  await cloud?.close();
});

describe("openstack CLI: identity", () => {
  it("token issue", async () => {
    const token = await openstackJson<Record<string, string>>(["token", "issue"], admin);
    expect(token.id).toMatch(/.{20,}/);
    expect(token.project_id).toMatch(/\S+/);
    expect(token.user_id).toMatch(/\S+/);
    expect(Date.parse(token.expires ?? "")).toBeGreaterThan(Date.now());
  });

  it("catalog list shows the identity service", async () => {
    const catalog = await openstackJson<Array<{ Name: string; Type: string; Endpoints: string }>>(
      ["catalog", "list"],
      admin,
    );
    const identity = catalog.find((s) => s.Type === "identity");
    expect(identity).toBeDefined();
    expect(JSON.stringify(identity?.Endpoints)).toContain(`${control.url}/identity`);
  });

  it("project create, list, show, set --disable", async () => {
    const created = await openstackJson<Record<string, unknown>>(
      ["project", "create", "--domain", "default", "--description", "CLI test", names.project],
      admin,
    );
    expect(created.name).toBe(names.project);
    expect(created.enabled).toBe(true);

    const list = await openstackJson<Array<{ Name: string }>>(["project", "list"], admin);
    expect(list.map((p) => p.Name)).toEqual(expect.arrayContaining(["admin", "demo", names.project]));

    const shown = await openstackJson<Record<string, unknown>>(["project", "show", names.project], admin);
    expect(shown.id).toBe(created.id);
    expect(shown.description).toBe("CLI test");

    await openstackOk(["project", "set", "--disable", names.project], admin);
    const disabled = await openstackJson<Record<string, unknown>>(["project", "show", names.project], admin);
    expect(disabled.enabled).toBe(false);
    await openstackOk(["project", "set", "--enable", names.project], admin);
  });

  it("user create, role add, role assignment list --names", async () => {
    const user = await openstackJson<Record<string, unknown>>(
      [
        "user",
        "create",
        "--domain",
        "default",
        "--password",
        "alice-pw",
        "--project",
        names.project,
        names.user,
      ],
      admin,
    );
    expect(user.name).toBe(names.user);
    expect(user.enabled).toBe(true);

    await openstackOk(["role", "add", "--project", names.project, "--user", names.user, "member"], admin);
    const rows = await openstackJson<Array<{ Role: string; User: string; Project: string }>>(
      ["role", "assignment", "list", "--names"],
      admin,
    );
    expect(rows).toContainEqual(
      expect.objectContaining({
        Role: "member",
        User: `${names.user}@Default`,
        Project: `${names.project}@Default`,
      }),
    );
    expect(rows).toContainEqual(
      expect.objectContaining({ Role: "admin", User: "admin@Default", Project: "admin@Default" }),
    );
  });

  it("the new user authenticates to its project", async () => {
    const alice = osEnv({
      OS_AUTH_URL: `${control.url}/identity/v3`,
      OS_USERNAME: names.user,
      OS_PASSWORD: "alice-pw",
      OS_PROJECT_NAME: names.project,
      OS_USER_DOMAIN_NAME: "Default",
      OS_PROJECT_DOMAIN_NAME: "Default",
    });
    const token = await openstackJson<Record<string, string>>(["token", "issue"], alice);
    expect(token.user_id).toBeTruthy();
    const denied = await openstack(["user", "list"], alice);
    expect(denied.code).not.toBe(0);
    expect(denied.stderr).toMatch(/403|not authorized/i);
  });

  it("group create and group add user", async () => {
    const group = await openstackJson<Record<string, unknown>>(
      ["group", "create", "--domain", "default", names.group],
      admin,
    );
    expect(group.name).toBe(names.group);
    await openstackOk(["group", "add", "user", names.group, names.user], admin);
    const members = await openstackJson<Array<{ Name: string }>>(
      ["user", "list", "--group", names.group],
      admin,
    );
    expect(members.map((m) => m.Name)).toEqual([names.user]);
  });

  it("application credential create, then authenticate with it", async () => {
    const cred = await openstackJson<Record<string, unknown>>(
      ["application", "credential", "create", "--secret", "s3cret-value", "--role", "member", names.cred],
      admin,
    );
    expect(cred.name).toBe(names.cred);
    expect(typeof cred.id).toBe("string");
    const env = osEnv({
      OS_AUTH_URL: `${control.url}/identity/v3`,
      OS_AUTH_TYPE: "v3applicationcredential",
      OS_APPLICATION_CREDENTIAL_ID: String(cred.id),
      OS_APPLICATION_CREDENTIAL_SECRET: "s3cret-value",
    });
    const token = await openstackJson<Record<string, string>>(["token", "issue"], env);
    expect(token.id).toMatch(/.{20,}/);

    const wrong = await openstack(["token", "issue"], { ...env, OS_APPLICATION_CREDENTIAL_SECRET: "wrong" });
    expect(wrong.code).not.toBe(0);
    expect(wrong.stderr).toMatch(/401|authentication/i);
  });

  it("token revoke, then the revoked token is refused", async () => {
    const token = await openstackJson<Record<string, string>>(["token", "issue"], admin);
    const tokenId = token.id ?? "";
    const withToken = osEnv({
      OS_AUTH_URL: `${control.url}/identity/v3`,
      OS_AUTH_TYPE: "v3token",
      OS_TOKEN: tokenId,
      OS_PROJECT_NAME: "admin",
      OS_PROJECT_DOMAIN_NAME: "Default",
    });
    await openstackJson(["project", "list"], withToken);
    await openstackOk(["token", "revoke", tokenId], admin);
    const refused = await openstack(["project", "list"], withToken);
    expect(refused.code).not.toBe(0);
    expect(refused.stderr).toMatch(/401|authentication|could not find token/i);
  });

  it("project delete", async () => {
    await openstackOk(["project", "delete", names.project], admin);
    const list = await openstackJson<Array<{ Name: string }>>(["project", "list"], admin);
    expect(list.map((p) => p.Name)).not.toContain(names.project);
  });
});
