import { createTestDatabase, testPgUrl } from "@zenith/db/testing";
import {
  ADMIN_PASSWORD,
  type ApiResponse,
  DEMO_PASSWORD,
  startTestControl,
  type TestControl,
} from "./harness.ts";

/** Each file gets its own database: the harness's PostgreSQL reset would wipe other files' data. */
export const networkTargets = [
  { label: "PGlite", pg: false },
  ...(testPgUrl() ? [{ label: "PostgreSQL", pg: true }] : []),
];

export interface Caller {
  token: string;
  project: string;
}

/**
 * A control plane for Network API tests with three callers: the cloud
 * admin, `demo` (member of project demo) and a member of another project.
 */
export class NetworkTestCloud {
  admin: Caller = { token: "", project: "" };
  demo: Caller = { token: "", project: "" };
  other: Caller = { token: "", project: "" };
  private dropDb: (() => Promise<void>) | undefined;

  constructor(public cp: TestControl) {}

  static async start(target: { label: string; pg: boolean }, label: string): Promise<NetworkTestCloud> {
    let databaseUrl = "memory://";
    let dropDb: (() => Promise<void>) | undefined;
    const pgUrl = testPgUrl();
    if (target.pg && pgUrl) {
      const db = await createTestDatabase(pgUrl, label);
      databaseUrl = db.url;
      dropDb = db.drop;
    }
    const cp = await startTestControl({ label: target.label, databaseUrl, reset: async () => {} });
    const cloud = new NetworkTestCloud(cp);
    cloud.dropDb = dropDb;
    cloud.admin = await cloud.caller("admin", ADMIN_PASSWORD, "admin");
    cloud.demo = await cloud.caller("demo", DEMO_PASSWORD, "demo");
    cloud.other = await cloud.newMember("olivia");
    return cloud;
  }

  private async caller(name: string, password: string, project: string): Promise<Caller> {
    const res = await this.cp.passwordAuth(name, password, { project });
    return { token: res.headers.get("x-subject-token") ?? "", project: res.body.token.project.id };
  }

  /** A user with `role` on a new project (or on `projectId`). */
  async newMember(name: string, role = "member", projectId?: string): Promise<Caller> {
    const id = (method: string, path: string, body?: unknown) =>
      this.cp.api(method, path, { token: this.admin.token, body });
    const project =
      projectId ??
      (await id("POST", "/projects", { project: { name: `${name}-project`, domain_id: "default" } })).body
        .project.id;
    const user = (await id("POST", "/users", { user: { name, password: "pw-secret", domain_id: "default" } }))
      .body.user;
    const roleId = (await id("GET", `/roles?name=${role}`)).body.roles[0].id;
    await id("PUT", `/projects/${project}/users/${user.id}/roles/${roleId}`);
    return { project, token: await this.cp.login(name, "pw-secret", { projectId: project }) };
  }

  /**
   * A new user with the admin role on the default domain, and its tokens
   * scoped to that domain and unscoped: callers with rights on no project.
   */
  async domainAdminTokens(name: string): Promise<Array<{ scope: string; token: string }>> {
    const id = (method: string, path: string, body?: unknown) =>
      this.cp.api(method, path, { token: this.admin.token, body });
    const user = (await id("POST", "/users", { user: { name, password: "pw-secret", domain_id: "default" } }))
      .body.user;
    const adminRole = (await id("GET", "/roles?name=admin")).body.roles[0].id;
    const granted = await id("PUT", `/domains/default/users/${user.id}/roles/${adminRole}`);
    if (granted.status !== 204) throw new Error(`granting the domain admin role: ${granted.status}`);
    return [
      { scope: "domain", token: await this.cp.login(name, "pw-secret", { domain: "default" }) },
      { scope: "unscoped", token: await this.cp.login(name, "pw-secret", "unscoped") },
    ];
  }

  /** A Network API call: `path` is under /networking/v2.0. */
  net(who: Caller, method: string, path: string, body?: unknown): Promise<ApiResponse> {
    return this.cp.request(method, `/networking/v2.0${path}`, { token: who.token, body });
  }

  /** Creates and returns a resource, failing the test on any other status than 201. */
  async create(who: Caller, kind: "network" | "subnet" | "port", attrs: Record<string, unknown>) {
    const res = await this.net(who, "POST", `/${kind}s`, { [kind]: attrs });
    if (res.status !== 201) throw new Error(`create ${kind}: ${res.status} ${res.text}`);
    return res.body[kind];
  }

  async close(): Promise<void> {
    await this.cp.close();
    await this.dropDb?.();
  }
}
