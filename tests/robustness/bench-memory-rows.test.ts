/**
 * bench/memory.mjs's rows (docs/benchmarks.md, "Memory of the idle stack"):
 * each row is named after the service its process runs. The script once
 * named them by position (control, compute, bff, web), so once `npm start`
 * ran the network and volume agents after the compute agent, a new run
 * would have called the network agent "bff" and the volume agent "web".
 */
import type { ChildProcess } from "node:child_process";
import { afterEach, describe, expect, it } from "vitest";
import { pssRowsByService } from "../../bench/lib/pss.mjs";
import { startService, stopServices } from "../../scripts/lib/processes.mjs";

/** A quiet idle service: a node process that only waits. */
function idle(name: string): ChildProcess {
  return startService(name, process.execPath, ["-e", "setInterval(() => {}, 1000)"], { quiet: true });
}

describe("the memory benchmark's rows", () => {
  let children: ChildProcess[] = [];
  afterEach(async () => {
    await stopServices(children, 2_000);
    children = [];
  });

  it("names each row after its service, in any order and number, with the process's memory", async () => {
    children = ["control", "compute", "network", "volume", "bff", "web"].map(idle);
    const rows = pssRowsByService(children) as Array<{ name: string; mib: number }>;
    expect(rows.map((r) => r.name)).toEqual(["control", "compute", "network", "volume", "bff", "web"]);
    for (const r of rows) expect(r.mib).toBeGreaterThan(0);
  });

  it("refuses a process that carries no service name rather than guess one", () => {
    const stray = { pid: process.pid } as ChildProcess;
    expect(() => pssRowsByService([stray])).toThrow(/no service name/);
  });
});
