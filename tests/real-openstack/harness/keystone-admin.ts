interface Reply {
  status: number;
  headers: Headers;
  // biome-ignore lint/suspicious/noExplicitAny: Keystone's JSON, read field by field.
  body: any;
  text: string;
}

async function request(
  url: string,
  method: string,
  opts: { token?: string; body?: unknown } = {},
): Promise<Reply> {
  const res = await fetch(url, {
    method,
    headers: {
      accept: "application/json",
      ...(opts.token ? { "x-auth-token": opts.token } : {}),
      ...(opts.body === undefined ? {} : { "content-type": "application/json" }),
    },
    body: opts.body === undefined ? undefined : JSON.stringify(opts.body),
  });
  const text = await res.text();
  return { status: res.status, headers: res.headers, body: text ? JSON.parse(text) : null, text };
}

/**
 * What a cloud admin does through a Keystone API (Zenith's, or Debian's real
 * one): a service user for keystonemiddleware and the `metric` service's
 * endpoints re-pointed at a real Gnocchi; the projects, users, groups and
 * grants a real Keystone's suite seeds.
 */

function ok(res: Reply, what: string): Reply {
  if (res.status >= 300) throw new Error(`${what}: ${res.status} ${res.text.slice(0, 500)}`);
  return res;
}

export class KeystoneAdmin {
  private constructor(
    /** The identity API's versioned root (`…/v3`). */
    private readonly authUrl: string,
    readonly token: string,
  ) {}

  /** Logs in to Zenith's Keystone as `username` (Default domain) scoped to `project`. */
  static login(controlUrl: string, username: string, password: string, project: string) {
    return KeystoneAdmin.loginAt(`${controlUrl}/identity/v3`, username, password, project);
  }

  /** Logs in to the Keystone at `authUrl` (its `…/v3`) as `username` (Default domain) scoped to `project`. */
  static async loginAt(authUrl: string, username: string, password: string, project: string) {
    const res = await request(`${authUrl}/auth/tokens`, "POST", {
      body: {
        auth: {
          identity: {
            methods: ["password"],
            password: { user: { name: username, domain: { id: "default" }, password } },
          },
          scope: { project: { name: project, domain: { id: "default" } } },
        },
      },
    });
    ok(res, `log in as ${username}`);
    const token = res.headers.get("x-subject-token");
    if (!token) throw new Error("no X-Subject-Token");
    return new KeystoneAdmin(authUrl, token);
  }

  private async call(method: string, path: string, body?: unknown): Promise<Reply> {
    const url = `${this.authUrl}${path}`;
    return ok(await request(url, method, { token: this.token, body }), `${method} ${path}`);
  }

  /** The id of the project or role named `name`, made first if the cloud has none (DevStack's `service` project and role). */
  async ensure(collection: "projects" | "roles", name: string): Promise<string> {
    const res = await this.call("GET", `/${collection}?name=${encodeURIComponent(name)}`);
    const found: { id: string }[] = res.body[collection];
    const id = found[0]?.id;
    if (id) return id;
    const kind = collection === "projects" ? "project" : "role";
    const body = collection === "projects" ? { name, domain_id: "default" } : { name };
    const made = await this.call("POST", `/${collection}`, { [kind]: body });
    return made.body[kind].id;
  }

  /**
   * A service user as DevStack makes them: `role` (normally `service`) on
   * `project` (normally `service`). keystonemiddleware validates every
   * caller's token with it (`GET /v3/auth/tokens`), which Keystone's policy
   * (and Zenith's) allows the `service` role.
   */
  async createServiceUser(opts: { name: string; password: string; project: string; role: string }) {
    const projectId = await this.ensure("projects", opts.project);
    const roleId = await this.ensure("roles", opts.role);
    const res = await this.call("POST", "/users", {
      user: { name: opts.name, password: opts.password, domain_id: "default", default_project_id: projectId },
    });
    const userId: string = res.body.user.id;
    await this.call("PUT", `/projects/${projectId}/users/${userId}/roles/${roleId}`);
    return { userId, projectId };
  }

  /** Re-points every endpoint of the catalog's `type` service at `url`; answers how many. */
  async pointServiceAt(type: string, url: string): Promise<number> {
    const services: { id: string }[] = (await this.call("GET", `/services?type=${encodeURIComponent(type)}`))
      .body.services;
    let count = 0;
    for (const service of services) {
      const endpoints: { id: string }[] = (await this.call("GET", `/endpoints?service_id=${service.id}`)).body
        .endpoints;
      for (const endpoint of endpoints) {
        await this.call("PATCH", `/endpoints/${endpoint.id}`, { endpoint: { url } });
        count++;
      }
    }
    return count;
  }

  /** A user of the Default domain (with `projectId` as its default project); answers its id. */
  async createUser(opts: { name: string; password: string; projectId?: string }): Promise<string> {
    const user = {
      name: opts.name,
      password: opts.password,
      domain_id: "default",
      ...(opts.projectId ? { default_project_id: opts.projectId } : {}),
    };
    return (await this.call("POST", "/users", { user })).body.user.id;
  }

  /** A group of the Default domain; answers its id. */
  async createGroup(name: string): Promise<string> {
    return (await this.call("POST", "/groups", { group: { name, domain_id: "default" } })).body.group.id;
  }

  async addToGroup(groupId: string, userId: string): Promise<void> {
    await this.call("PUT", `/groups/${groupId}/users/${userId}`);
  }

  /** Grants `roleId` on `projectId` to a user or a group. */
  async grant(projectId: string, grantee: { userId: string } | { groupId: string }, roleId: string) {
    const who = "userId" in grantee ? `users/${grantee.userId}` : `groups/${grantee.groupId}`;
    await this.call("PUT", `/projects/${projectId}/${who}/roles/${roleId}`);
  }
}
