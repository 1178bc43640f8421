import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { type StartControlOptions, startControl } from "@zenith/control/server";
import { TEST_SCRYPT } from "@zenith/testkit/scrypt";
import { assertCliInstalled, projectEnv } from "./cli.ts";

export type Control = Awaited<ReturnType<typeof startControl>>;

/** What an agent process of a cloud needs (agent-process.ts, volume-agent-process.ts). */
export interface AgentPlace {
  controlUrl: string;
  joinTokenFile: string;
  dataDir: string;
  host: string;
}

/** A real control plane on an in-memory database for one CLI suite, and the RC environments of its bootstrap users. */
export interface CliCloud {
  control: Control;
  /** The suite's scratch folder, the control plane's data folder; `close()` removes it. */
  work: string;
  /** admin, scoped to project admin. */
  admin: NodeJS.ProcessEnv;
  /** demo, the bootstrap member of project demo. */
  demo: NodeJS.ProcessEnv;
  /** Where an agent of this cloud runs: the join token the control plane keeps in its data folder, a data folder of its own. */
  agent(host: string, folder?: string): AgentPlace;
  /** Stops the control plane and removes the scratch folder (stop the suite's agents first). */
  close(): Promise<void>;
}

type CloudOptions = Omit<StartControlOptions, "port" | "databaseUrl" | "dataDir" | "logLevel"> & {
  adminPassword: string;
  demoPassword: string;
};

/** Starts a suite's cloud: Debian's CLI must be installed, the scratch folder is named after the suite. */
export async function startCliCloud(suite: string, options: CloudOptions): Promise<CliCloud> {
  assertCliInstalled();
  const work = mkdtempSync(join(tmpdir(), `zenith-cli-${suite}-`));
  let control: Control;
  try {
    control = await startControl({
      port: 0,
      databaseUrl: "memory://",
      dataDir: work,
      logLevel: "silent",
      // Every CLI call logs in with a password: the production cost (N=2^15, ~100-180 ms of CPU
      // here) would be paid hundreds of times per run. Same format and code path.
      scrypt: TEST_SCRYPT,
      ...options,
    });
  } catch (err) {
    rmSync(work, { recursive: true, force: true });
    throw err;
  }
  return {
    control,
    work,
    admin: projectEnv(control.url, "admin", options.adminPassword, "admin"),
    demo: projectEnv(control.url, "demo", options.demoPassword, "demo"),
    agent: (host, folder = "agent") => ({
      controlUrl: control.url,
      joinTokenFile: join(work, "agent-join-token"),
      dataDir: join(work, folder),
      host,
    }),
    close: async () => {
      await control.close();
      rmSync(work, { recursive: true, force: true });
    },
  };
}
