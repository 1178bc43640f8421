import type { RunningKeystone } from "./keystone.ts";
import { KeystoneAdmin } from "./keystone-admin.ts";

/**
 * What a real cloud's admin would have made, on top of `keystone-manage
 * bootstrap` (project and user `admin`, roles admin, member and reader):
 * project `demo` with its member `demo` (also in group `demo-readers`), and
 * project `alt` with its own member `alt`.
 */

export const DEMO_PASSWORD = "real-keystone-demo-password";
export const ALT_PASSWORD = "real-keystone-alt-password";

export interface SeededCloud {
  demoProject: string;
  altProject: string;
  demoUser: string;
  altUser: string;
  member: string;
  reader: string;
  group: string;
}

export async function seedCloud(keystone: RunningKeystone): Promise<SeededCloud> {
  const admin = await KeystoneAdmin.loginAt(keystone.authUrl, "admin", keystone.adminPassword, "admin");
  const demoProject = await admin.ensure("projects", "demo");
  const altProject = await admin.ensure("projects", "alt");
  const member = await admin.ensure("roles", "member");
  const reader = await admin.ensure("roles", "reader");
  const demoUser = await admin.createUser({ name: "demo", password: DEMO_PASSWORD, projectId: demoProject });
  const altUser = await admin.createUser({ name: "alt", password: ALT_PASSWORD, projectId: altProject });
  await admin.grant(demoProject, { userId: demoUser }, member);
  await admin.grant(altProject, { userId: altUser }, member);
  const group = await admin.createGroup("demo-readers");
  await admin.addToGroup(group, demoUser);
  return { demoProject, altProject, demoUser, altUser, member, reader, group };
}
