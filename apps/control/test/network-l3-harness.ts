import {
  type ApiResponse,
  DEMO_PASSWORD,
  startTestControl,
  type TestControl,
  testTargets,
} from "./harness.ts";

/**
 * A control plane with the tenants the L3 and security group suites need:
 * admin (cloud admin), demo (member of demo), rita (reader of demo) and
 * bob (member of another project, "other").
 */
export interface L3TestEnv {
  control: TestControl;
  admin: string;
  demo: string;
  reader: string;
  other: string;
  demoProjectId: string;
  otherProjectId: string;
  /** A Network API call: `path` is under /networking/v2.0. */
  net(method: string, path: string, token: string, body?: unknown): Promise<ApiResponse>;
  close(): Promise<void>;
}

export async function startL3Env(): Promise<L3TestEnv> {
  const [target] = testTargets();
  if (!target) throw new Error("no test target");
  const control = await startTestControl(target, { defaultNetworking: true });
  const admin = await control.adminToken();
  const project = await control.api("POST", "/projects", {
    token: admin,
    body: { project: { name: "other" } },
  });
  const roles = await control.api("GET", "/roles", { token: admin });
  const roleId = (name: string) => roles.body.roles.find((r: { name: string }) => r.name === name).id;
  const demoProject = await control.api("GET", "/projects?name=demo", { token: admin });
  const demoProjectId: string = demoProject.body.projects[0].id;
  const otherProjectId: string = project.body.project.id;
  for (const [user, role, projectId] of [
    ["bob", "member", otherProjectId],
    ["rita", "reader", demoProjectId],
  ] as const) {
    const u = await control.api("POST", "/users", {
      token: admin,
      body: { user: { name: user, password: "pw-123456" } },
    });
    await control.api("PUT", `/projects/${projectId}/users/${u.body.user.id}/roles/${roleId(role)}`, {
      token: admin,
    });
  }
  return {
    control,
    admin,
    demo: await control.login("demo", DEMO_PASSWORD, { project: "demo" }),
    reader: await control.login("rita", "pw-123456", { project: "demo" }),
    other: await control.login("bob", "pw-123456", { project: "other" }),
    demoProjectId,
    otherProjectId,
    net: (method, path, token, body) =>
      control.request(method, `/networking/v2.0${path}`, { token, ...(body === undefined ? {} : { body }) }),
    close: () => control.close(),
  };
}

/**
 * Creates a network with one IPv4 subnet through the Network API, as the
 * admin on behalf of `projectId` (DHCP off, so the suites choose every
 * address themselves).
 */
export async function seedNetwork(
  env: L3TestEnv,
  opts: { projectId: string; cidr: string; external?: boolean; shared?: boolean; gateway?: string | null },
): Promise<{ networkId: string; subnetId: string }> {
  const network = await env.net("POST", "/networks", env.admin, {
    network: {
      name: `net-${opts.cidr}`,
      project_id: opts.projectId,
      ...(opts.external ? { "router:external": true } : {}),
      ...(opts.shared ? { shared: true } : {}),
    },
  });
  if (network.status !== 201) throw new Error(`network: ${network.status} ${network.text}`);
  const networkId: string = network.body.network.id;
  const subnet = await env.net("POST", "/subnets", env.admin, {
    subnet: {
      network_id: networkId,
      project_id: opts.projectId,
      ip_version: 4,
      cidr: opts.cidr,
      enable_dhcp: false,
      ...(opts.gateway === undefined ? {} : { gateway_ip: opts.gateway }),
    },
  });
  if (subnet.status !== 201) throw new Error(`subnet: ${subnet.status} ${subnet.text}`);
  return { networkId, subnetId: subnet.body.subnet.id };
}

/** Creates a port with one fixed address through the Network API (an instance's when `deviceId` is given). */
export async function seedPort(
  env: L3TestEnv,
  opts: { projectId: string; networkId: string; subnetId: string; ip: string; deviceId?: string },
): Promise<string> {
  const port = await env.net("POST", "/ports", env.admin, {
    port: {
      network_id: opts.networkId,
      project_id: opts.projectId,
      fixed_ips: [{ subnet_id: opts.subnetId, ip_address: opts.ip }],
      ...(opts.deviceId ? { device_id: opts.deviceId, device_owner: "compute:nova" } : {}),
    },
  });
  if (port.status !== 201) throw new Error(`port: ${port.status} ${port.text}`);
  return port.body.port.id;
}
