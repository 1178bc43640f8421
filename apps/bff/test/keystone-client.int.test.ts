import { findEndpoint } from "@zenith/api-client/catalog";
import { createKeystoneClient, passwordLogin, rescope } from "@zenith/api-client/keystone";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startControl } from "../../control/src/server.ts";

/** The api-client against the real control plane: the zod schemas must accept what it sends. */

let control: Awaited<ReturnType<typeof startControl>>;
let authUrl = "";
const unique = `kc-${process.pid}-${Date.now().toString(36)}`;

beforeAll(async () => {
  control = await startControl({
    port: 0,
    databaseUrl: "memory://",
    adminPassword: "admin-kc",
    demoPassword: "demo-kc",
    logLevel: "silent",
  });
  authUrl = `${control.url}/identity/v3`;
});
afterAll(async () => {
  await control?.close();
});

describe("keystone client against the control plane", () => {
  it("authenticates, validates, lists scopes and reads the catalog", async () => {
    const session = await passwordLogin({ authUrl, username: "admin", password: "admin-kc" });
    expect(session.project?.name).toBe("admin");
    const ks = createKeystoneClient({ authUrl, token: session.token });
    const token = await ks.validateToken(session.token);
    expect(token.user.name).toBe("admin");
    expect(token.roles?.map((r) => r.name)).toContain("admin");
    expect((await ks.listAuthProjects()).map((p) => p.name)).toContain("admin");
    const catalog = await ks.getCatalog();
    expect(findEndpoint(catalog, { type: "identity", interface: "public" })).toContain(control.url);
    const again = await rescope({ authUrl, token: session.token, projectId: session.project?.id ?? "" });
    expect(again.project?.id).toBe(session.project?.id);
  });

  it("does user CRUD, password change and application credential auth", async () => {
    const admin = await passwordLogin({ authUrl, username: "admin", password: "admin-kc" });
    const ks = createKeystoneClient({ authUrl, token: admin.token });
    const demo = (await ks.projects.list({ name: "demo" }))[0];
    const member = (await ks.roles.list({ name: "member" }))[0];
    if (!demo || !member) throw new Error("bootstrap data missing");
    const user = await ks.users.create({
      name: `${unique}-u`,
      password: "pw-1",
      default_project_id: demo.id,
    });
    await ks.grants.grantOnProject(demo.id, { userId: user.id }, member.id);
    await ks.grants.checkOnProject(demo.id, { userId: user.id }, member.id);
    expect((await ks.users.update(user.id, { description: "d" })).description).toBe("d");
    const effective = await ks.roleAssignments.list({ userId: user.id, effective: true, includeNames: true });
    expect(effective.some((a) => a.scope.project?.id === demo.id && a.role.name === "member")).toBe(true);

    const own = await passwordLogin({ authUrl, username: `${unique}-u`, password: "pw-1" });
    expect(own.project?.id).toBe(demo.id);
    const userClient = createKeystoneClient({ authUrl, token: own.token });
    const credential = await userClient.applicationCredentials.create(user.id, { name: `${unique}-ac` });
    expect(credential.project_id).toBe(demo.id);
    const viaCredential = await createKeystoneClient({ authUrl }).authenticate({
      method: "application_credential",
      id: credential.id,
      secret: credential.secret ?? "",
    });
    expect(viaCredential.body.project?.id).toBe(demo.id);

    await userClient.users.changePassword(user.id, "pw-1", "pw-2");
    await expect(passwordLogin({ authUrl, username: `${unique}-u`, password: "pw-1" })).rejects.toMatchObject(
      { status: 401 },
    );
    await ks.users.delete(user.id);
    await expect(ks.users.get(user.id)).rejects.toMatchObject({ status: 404 });
  });
});
