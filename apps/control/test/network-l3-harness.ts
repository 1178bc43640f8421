import { randomBytes, randomUUID } from "node:crypto";
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
  const control = await startTestControl(target);
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
 * Seeds a network with one IPv4 subnet straight into the database (the
 * network core API is another part's; these suites exercise L3 on top of it).
 */
export async function seedNetwork(
  env: L3TestEnv,
  opts: { projectId: string; cidr: string; external?: boolean; shared?: boolean; gateway?: string | null },
): Promise<{ networkId: string; subnetId: string }> {
  const prisma = env.control.running.db.prisma;
  const networkId = randomUUID();
  const subnetId = randomUUID();
  const base = opts.cidr.split("/")[0]?.split(".").slice(0, 3).join(".") ?? "";
  await prisma.network.create({
    data: {
      id: networkId,
      projectId: opts.projectId,
      name: `net-${networkId.slice(0, 6)}`,
      external: opts.external ?? false,
      shared: opts.shared ?? false,
      networkType: opts.external ? "flat" : "vxlan",
      physicalNetwork: opts.external ? `phys-${networkId.slice(0, 6)}` : null,
      segmentationId: opts.external ? null : 1000 + randomBytes(2).readUInt16BE(0),
    },
  });
  await prisma.subnet.create({
    data: {
      id: subnetId,
      networkId,
      projectId: opts.projectId,
      ipVersion: 4,
      cidr: opts.cidr,
      gatewayIp: opts.gateway === undefined ? `${base}.1` : opts.gateway,
      allocationPools: [{ start: `${base}.2`, end: `${base}.254` }],
    },
  });
  return { networkId, subnetId };
}

/** Seeds a port with one fixed address (as the port API would create it). */
export async function seedPort(
  env: L3TestEnv,
  opts: { projectId: string; networkId: string; subnetId: string; ip: string; deviceId?: string },
): Promise<string> {
  const id = randomUUID();
  const mac = ["fa", "16", "3e", ...[...randomBytes(3)].map((b) => b.toString(16).padStart(2, "0"))].join(
    ":",
  );
  await env.control.running.db.prisma.port.create({
    data: {
      id,
      networkId: opts.networkId,
      projectId: opts.projectId,
      macAddress: mac,
      deviceId: opts.deviceId ?? "",
      deviceOwner: opts.deviceId ? "compute:nova" : "",
      fixedIps: { create: [{ subnetId: opts.subnetId, ipAddress: opts.ip, networkId: opts.networkId }] },
    },
  });
  return id;
}
