import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startTestControl, type TestControl, testTargets } from "./harness.ts";

describe.each(testTargets())("caller input the database cannot take ($label)", (target) => {
  let control: TestControl;
  let token: string;

  beforeAll(async () => {
    control = await startTestControl(target);
    token = await control.adminToken();
  });
  afterAll(async () => {
    await control?.close();
  });

  async function call(method: string, path: string, body?: string, headers: Record<string, string> = {}) {
    const res = await fetch(`${control.url}${path}`, {
      method,
      headers: {
        ...headers,
        "x-auth-token": token,
        accept: "application/json",
        ...(body === undefined ? {} : { "content-type": "application/json" }),
      },
      body,
    });
    const text = await res.text();
    return { status: res.status, body: text ? JSON.parse(text) : null };
  }

  it.each([
    ["/identity/v3/users/%00", "error"],
    ["/identity/v3/projects/abc%00def", "error"],
    ["/identity/v3/domains/%00/groups", "error"],
    ["/compute/v2.1/servers/%00", "itemNotFound"],
    ["/compute/v2.1/flavors/x%00", "itemNotFound"],
    ["/compute/v2.1/os-keypairs/%00", "itemNotFound"],
    ["/image/v2/images/%00", "message"],
    ["/image/v2/images/%00/members", "message"],
  ])("a NUL in a path id (%s) is 404 in the API's fault format", async (path, key) => {
    const res = await call("GET", path);
    expect(res.status).toBe(404);
    expect(res.body).toHaveProperty(key);
  });

  it.each([
    "/identity/v3/users?name=%00",
    "/identity/v3/projects?domain_id=a%00",
    "/compute/v2.1/servers?name=%00",
    "/compute/v2.1/servers/detail?marker=%00",
    "/image/v2/images?name=%00",
    "/image/v2/images?marker=%00",
  ])("a NUL in the query string (%s) is 400", async (path) => {
    expect((await call("GET", path)).status).toBe(400);
  });

  it.each([
    ["POST", "/identity/v3/projects", '{"project":{"name":"a\\u0000b"}}'],
    [
      "POST",
      "/identity/v3/auth/tokens",
      '{"auth":{"identity":{"methods":["token"],"token":{"id":"\\u0000"}}}}',
    ],
    ["POST", "/compute/v2.1/os-keypairs", '{"keypair":{"name":"k\\u0000"}}'],
    ["POST", "/image/v2/images", '{"name":"\\u0000","disk_format":"raw","container_format":"bare"}'],
  ])("a NUL in a JSON body (%s %s) is 400", async (method, path, body) => {
    expect((await call(method, path, body)).status).toBe(400);
  });

  it("bounds the server list's name regex: too long or with back-references is a Nova 400", async () => {
    const long = await call("GET", `/compute/v2.1/servers?name=${"a".repeat(256)}`);
    expect(long.status).toBe(400);
    expect(long.body.badRequest.message).toMatch(/at most 255/);
    const backref = await call("GET", `/compute/v2.1/servers/detail?name=${encodeURIComponent("(a*)*\\1")}`);
    expect(backref.status).toBe(400);
    expect(backref.body.badRequest.message).toMatch(/back-references/);
    expect((await call("GET", `/compute/v2.1/servers?name=${"a".repeat(255)}`)).status).toBe(200);
  });

  it("bounds the hypervisor hostname pattern", async () => {
    const res = await call(
      "GET",
      `/compute/v2.1/os-hypervisors?hypervisor_hostname_pattern=${"h".repeat(300)}`,
      undefined,
      { "x-openstack-nova-api-version": "2.53" },
    );
    expect(res.status).toBe(400);
    expect(res.body.badRequest.message).toMatch(/at most 255/);
  });
});
