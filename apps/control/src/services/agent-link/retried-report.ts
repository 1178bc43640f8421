import type { Logger } from "@zenith/core/logger";

/**
 * An agent's whole-state report that the database did not take (a
 * transaction that timed out under load). Agents report a state once, when
 * it changes, so a refused report is kept and applied again on the host's
 * next heartbeat, unless a newer report replaces it first. One per agent
 * connection: its size is one report.
 */
export class RetriedReport<T> {
  private pending: T | null = null;

  constructor(
    private readonly what: string,
    private readonly applyReport: (report: T) => Promise<void>,
  ) {}

  /** Applies `report`; a failure keeps it for `retry` and is logged, never thrown. */
  async apply(report: T, log: Logger): Promise<void> {
    this.pending = null;
    try {
      await this.applyReport(report);
    } catch (err) {
      this.pending = report;
      log.warn({ err }, `${this.what} report not applied; applying it again on the next heartbeat`);
    }
  }

  /** On a heartbeat: the kept report, if any, once more. */
  async retry(log: Logger): Promise<void> {
    if (this.pending !== null) await this.apply(this.pending, log);
  }
}
