import type { Logger } from "@zenith/core/logger";

/** A convergence failure an agent reports: what, which, why. */
export interface AgentErrorNote {
  kind: string;
  id: string;
  message: string;
}

/**
 * The convergence errors each host's agent reported last, kept for admins;
 * each one is logged once when it first appears (agents repeat them in
 * every report until fixed).
 */
export class AgentErrorNotes<E extends AgentErrorNote> {
  private readonly byHost = new Map<string, E[]>();

  constructor(private readonly what: string) {}

  of(host: string): readonly E[] {
    return this.byHost.get(host) ?? [];
  }

  note(log: Logger, host: string, errors: E[]): void {
    const key = (e: E) => `${e.kind}:${e.id}:${e.message}`;
    const known = new Set(this.of(host).map(key));
    for (const e of errors) {
      if (!known.has(key(e))) log.warn({ kind: e.kind, id: e.id, reason: e.message }, this.what);
    }
    if (errors.length > 0) this.byHost.set(host, errors);
    else this.byHost.delete(host);
  }
}
