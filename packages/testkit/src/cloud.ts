import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { type RunningControl, type StartControlOptions, startControl } from "@zenith/control/server";
import { OpenStackClient } from "./openstack.ts";
import { TEST_SCRYPT } from "./scrypt.ts";

export const ADMIN_PASSWORD = "admin-secret";
export const DEMO_PASSWORD = "demo-secret";

export interface TestCloud {
  url: string;
  control: RunningControl;
  client: OpenStackClient;
  /** Project-scoped tokens of the bootstrap users: `admin` (admin on project admin), `demo` (member on demo). */
  adminToken(): Promise<string>;
  memberToken(): Promise<string>;
  close(): Promise<void>;
}

/**
 * Starts the real control plane in-process on an ephemeral loopback port,
 * on in-memory PGlite unless `databaseUrl` says otherwise, with its data
 * folder in a temporary directory removed on close.
 */
export async function startTestCloud(opts: Partial<StartControlOptions> = {}): Promise<TestCloud> {
  const dataDir = opts.dataDir ?? mkdtempSync(join(tmpdir(), "zenith-testkit-"));
  const control = await startControl({
    port: 0,
    host: "127.0.0.1",
    databaseUrl: "memory://",
    logLevel: "silent",
    scrypt: TEST_SCRYPT,
    adminPassword: ADMIN_PASSWORD,
    demoPassword: DEMO_PASSWORD,
    ...opts,
    dataDir,
  });
  const client = new OpenStackClient(control.url);
  return {
    url: control.url,
    control,
    client,
    adminToken: () => client.login("admin", ADMIN_PASSWORD, "admin"),
    memberToken: () => client.login("demo", DEMO_PASSWORD, "demo"),
    async close() {
      await control.close();
      if (opts.dataDir === undefined) rmSync(dataDir, { recursive: true, force: true });
    },
  };
}
