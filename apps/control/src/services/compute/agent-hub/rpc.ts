/** Why an rpc to an agent produced no answer; the API maps these to faults. */
export class AgentRpcError extends Error {
  constructor(
    readonly kind: "unavailable" | "timeout" | "failed",
    message: string,
  ) {
    super(message);
    this.name = "AgentRpcError";
  }
}

interface Pending {
  hostId: string;
  resolve(value: unknown): void;
  reject(err: AgentRpcError): void;
  timer: NodeJS.Timeout;
}

/** Outstanding rpcs by id, each with its timeout; dropped when the agent disconnects. */
export class PendingRpcs {
  private readonly pending = new Map<string, Pending>();

  wait(id: string, hostId: string, timeoutMs: number): Promise<unknown> {
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => {
        this.pending.delete(id);
        reject(new AgentRpcError("timeout", `The compute agent did not answer within ${timeoutMs} ms.`));
      }, timeoutMs);
      this.pending.set(id, { hostId, resolve, reject, timer });
    });
  }

  settle(
    hostId: string,
    id: string,
    outcome: { ok: true; result: unknown } | { ok: false; message: string },
  ) {
    const p = this.pending.get(id);
    // An answer from another host than the one asked is ignored: ids are not secrets, hosts are.
    if (!p || p.hostId !== hostId) return;
    this.pending.delete(id);
    clearTimeout(p.timer);
    if (outcome.ok) p.resolve(outcome.result);
    else p.reject(new AgentRpcError("failed", outcome.message));
  }

  dropHost(hostId: string): void {
    for (const [id, p] of this.pending) {
      if (p.hostId !== hostId) continue;
      this.pending.delete(id);
      clearTimeout(p.timer);
      p.reject(new AgentRpcError("unavailable", "The compute agent disconnected."));
    }
  }

  dropAll(): void {
    for (const p of this.pending.values()) {
      clearTimeout(p.timer);
      p.reject(new AgentRpcError("unavailable", "The control plane is stopping."));
    }
    this.pending.clear();
  }
}
