import { createLogger } from "@zenith/core/logger";
import { describe, expect, it } from "vitest";
import { RetriedReport } from "./retried-report.ts";

const log = createLogger("test", "silent");

describe("RetriedReport", () => {
  it("keeps a refused report for the next heartbeat, and applies it then", async () => {
    const applied: string[] = [];
    let refuse = true;
    const report = new RetriedReport<string>("test agent", async (r) => {
      if (refuse) throw new Error("transaction timed out");
      applied.push(r);
    });
    await report.apply("state 1", log);
    expect(applied).toEqual([]);
    refuse = false;
    await report.retry(log);
    expect(applied).toEqual(["state 1"]);
    // Applied: nothing is kept any more.
    await report.retry(log);
    expect(applied).toEqual(["state 1"]);
  });

  it("drops a refused report when a newer one comes first", async () => {
    const applied: string[] = [];
    let refuse = true;
    const report = new RetriedReport<string>("test agent", async (r) => {
      if (refuse) throw new Error("transaction timed out");
      applied.push(r);
    });
    await report.apply("old", log);
    refuse = false;
    await report.apply("new", log);
    await report.retry(log);
    expect(applied).toEqual(["new"]);
  });

  it("keeps it through refused retries", async () => {
    let tries = 0;
    const report = new RetriedReport<string>("test agent", async () => {
      tries++;
      if (tries < 3) throw new Error("still down");
    });
    await report.apply("state", log);
    await report.retry(log);
    await report.retry(log);
    await report.retry(log);
    expect(tries).toBe(3);
  });
});
