/**
 * The real compute agent enrols through the join-token file a local control
 * plane keeps, stores its credential (0600) in its state folder, and keeps
 * using it across restarts of both sides without any join token.
 */
import { createHash } from "node:crypto";
import { readFileSync, statSync } from "node:fs";
import { join } from "node:path";
import { hostCredential } from "@zenith/agent-runtime/enrolment";
import { joinTokenProvider, ZAgentRuntimeEnv } from "@zenith/agent-runtime/env";
import { createLogger } from "@zenith/core/logger";
import { afterAll, describe, expect, it } from "vitest";
import { ComputeAgent } from "../../compute-agent/src/agent.ts";
import { FakeDriver } from "../../compute-agent/src/driver/fake.ts";
import { computeTarget } from "./compute-servers-harness.ts";
import { startTestControl, type TestControl, tempDir, waitFor } from "./harness.ts";

const HOST = "enrolling-host";
const sha256 = (s: string) => createHash("sha256").update(s).digest("hex");

describe("a compute agent enrols once and keeps its credential across restarts", () => {
  const dir = tempDir("zenith-agent-enrol-");
  const credentialFile = join(dir.path, "compute", HOST, "credential.json");
  let control: TestControl | null = null;
  let agent: ComputeAgent | null = null;
  let drop: () => Promise<void> = async () => {};

  afterAll(async () => {
    await agent?.stop();
    await control?.close();
    await drop();
    dir.remove();
  });

  const startAgent = (url: string, joinToken: () => Promise<string | undefined>) => {
    const logger = createLogger("agent-enrol-test", "silent");
    const a = new ComputeAgent({
      host: HOST,
      availabilityZone: "nova",
      hostIp: "127.0.0.1",
      controlUrl: url,
      token: hostCredential({ controlUrl: url, host: HOST, file: credentialFile, joinToken, logger }),
      dataDir: dir.path,
      driver: new FakeDriver(),
      logger,
      backoff: { initialMs: 20, maxMs: 200 },
    });
    return a;
  };

  const helloSince = async (since: Date) => {
    const prisma = control?.running.db.prisma;
    await waitFor(async () => {
      const row = await prisma?.computeHost.findUnique({ where: { host: HOST } });
      return (row?.lastHeartbeat?.getTime() ?? 0) >= since.getTime();
    });
  };

  it("enrols with the local join-token file, then reconnects after both restart with no join token", async () => {
    const made = await computeTarget("agent-enrol", { onDisk: true });
    drop = made.drop;
    control = await startTestControl(made.target, { dataDir: dir.path, keepData: true });
    const t0 = new Date();
    agent = startAgent(control.url, joinTokenProvider(ZAgentRuntimeEnv.parse({ ZENITH_DATA_DIR: dir.path })));
    await agent.start();
    await helloSince(t0);

    expect(statSync(credentialFile).mode & 0o777).toBe(0o600);
    const stored = JSON.parse(readFileSync(credentialFile, "utf8"));
    expect(stored.host).toBe(HOST);
    const row = await control.running.db.prisma.hostCredential.findUniqueOrThrow({ where: { host: HOST } });
    expect(row.secretHash).toBe(sha256(stored.credential));

    await agent.stop();
    await control.close();
    control = await startTestControl(made.target, {
      dataDir: dir.path,
      keepData: true,
      joinTokenFile: false,
    });
    const t1 = new Date();
    // No join token at all now: only the stored credential can get it in.
    agent = startAgent(control.url, async () => undefined);
    await agent.start();
    await helloSince(t1);
    const spent = await control.running.db.prisma.agentJoinToken.count({ where: { usedBy: HOST } });
    expect(spent).toBe(1);
  });
});
