import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type CliResult, openstackExec, openstackForked, zygotePid } from "./cli.ts";
import { type CliCloud, startCliCloud } from "./cloud.ts";

// The zygote (osc-zygote.py) must give what /usr/bin/openstack gives: the same
// exit code, stdout and stderr for the same argv and environment, and nothing
// carried over from one call to the next.

let cloud: CliCloud;

beforeAll(async () => {
  cloud = await startCliCloud("zygote", { adminPassword: "zyg-admin-pw", demoPassword: "zyg-demo-pw" });
});

afterAll(async () => {
  await cloud?.close();
});

async function forked(args: string[], env: NodeJS.ProcessEnv, timeoutMs?: number): Promise<CliResult> {
  const res = await openstackForked(args, env, timeoutMs);
  if (!res) throw new Error("the zygote refused a call with the test process's own environment");
  return res;
}

/** Request ids differ between any two calls by nature. */
function normal(res: CliResult): CliResult {
  const id = /req-[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/g;
  return { ...res, stdout: res.stdout.replace(id, "req-ID"), stderr: res.stderr.replace(id, "req-ID") };
}

async function both(args: string[], env: NodeJS.ProcessEnv): Promise<[CliResult, CliResult]> {
  return [normal(await openstackExec(args, env)), normal(await forked(args, env))];
}

describe("osc-zygote gives what /usr/bin/openstack gives", () => {
  it("--version", async () => {
    const [exec, fork] = await both(["--version"], cloud.admin);
    expect(exec.stdout).toMatch(/^openstack \d+\.\d+\.\d+\n$/);
    expect(fork).toEqual(exec);
  });

  it("token issue -f json: the same fields, the same user and project", async () => {
    const [exec, fork] = await both(["token", "issue", "-f", "json"], cloud.admin);
    expect([exec.code, exec.stderr]).toEqual([0, ""]);
    expect([fork.code, fork.stderr]).toEqual([0, ""]);
    const a = JSON.parse(exec.stdout) as Record<string, string>;
    const b = JSON.parse(fork.stdout) as Record<string, string>;
    expect(Object.keys(b)).toEqual(Object.keys(a));
    // A new token per call: its id and expiry differ by nature.
    expect(b.id).not.toBe(a.id);
    expect({ ...b, id: "", expires: "" }).toEqual({ ...a, id: "", expires: "" });
  });

  it("server list -f json, catalog list (a table), flavor list", async () => {
    for (const args of [
      ["server", "list", "-f", "json"],
      ["catalog", "list"],
      ["flavor", "list"],
    ]) {
      const [exec, fork] = await both(args, cloud.admin);
      expect(exec.code).toBe(0);
      expect(fork).toEqual(exec);
    }
  });

  it("a failing command: exit code and stderr", async () => {
    const [exec, fork] = await both(["server", "show", "no-such-server"], cloud.demo);
    expect(exec.code).toBe(1);
    expect(exec.stderr).toContain("no-such-server");
    expect(fork).toEqual(exec);
  });

  it("a command line the CLI refuses: exit code 2 and the usage text naming `openstack`", async () => {
    const [exec, fork] = await both(["server", "list", "--no-such-option"], cloud.demo);
    expect(exec.code).toBe(2);
    expect(exec.stderr).toContain("openstack");
    expect(fork).toEqual(exec);
  });

  it("a wrong password after a right one: no session or token is shared between calls", async () => {
    expect((await forked(["token", "issue"], cloud.demo)).code).toBe(0);
    const wrong = { ...cloud.demo, OS_PASSWORD: "not-the-password" };
    const [exec, fork] = await both(["token", "issue"], wrong);
    expect(exec.code).toBe(1);
    expect(fork).toEqual(exec);
  });

  it("a call gets exactly its own environment: an OS_* variable of the call before is gone", async () => {
    const nowhere = { ...cloud.demo, OS_REGION_NAME: "Nowhere" };
    const [exec, fork] = await both(["server", "list"], nowhere);
    expect(exec.code).toBe(1);
    expect(exec.stderr).toContain("Nowhere");
    expect(fork).toEqual(exec);
    expect((await forked(["server", "list", "-f", "json"], cloud.demo)).code).toBe(0);
  });

  it("calls at once each get their own output", async () => {
    const names = ["admin", "demo", "admin", "demo", "admin", "demo"] as const;
    const results = await Promise.all(
      names.map((who) =>
        forked(["project", "list", "--my-projects", "-f", "value", "-c", "Name"], cloud[who]),
      ),
    );
    expect(results.map((r) => r.stdout.trim())).toEqual(names);
  });

  it("stdin stays open as with execFile, and the timeout kills the call", async () => {
    // Without --file, `image create` uploads whatever stdin holds: it waits on the open pipe until killed.
    const args = ["image", "create", "--disk-format", "raw", "--container-format", "bare", "waits-on-stdin"];
    const started = Date.now();
    const fork = await forked(args, cloud.admin, 4_000);
    const took = Date.now() - started;
    expect(fork.code).toBe(1);
    expect(took).toBeGreaterThanOrEqual(4_000);
    expect(took).toBeLessThan(15_000);
    const exec = await openstackExec(args, cloud.admin, 4_000);
    expect(exec.code).toBe(fork.code);
  });

  it("a zygote that died is started again on the next call", async () => {
    expect((await forked(["--version"], cloud.demo)).code).toBe(0);
    const first = zygotePid();
    expect(first).toBeGreaterThan(0);
    process.kill(first ?? 0, "SIGKILL");
    await expect.poll(() => zygotePid(), { timeout: 5_000 }).toBeUndefined();
    const again = await forked(["server", "list", "-f", "json"], cloud.demo);
    expect(again.code).toBe(0);
    expect(zygotePid()).toBeGreaterThan(0);
    expect(zygotePid()).not.toBe(first);
  });
});
