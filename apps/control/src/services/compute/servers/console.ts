import { ZConsoleOutput } from "@zenith/agent-protocol/compute";
import { ZenithError } from "@zenith/core/errors";
import type { PrismaClient } from "@zenith/db/client";
import type { AgentHub } from "../agent-hub/hub.ts";
import { AgentRpcError } from "../agent-hub/rpc.ts";
import type { Caller } from "./caller.ts";
import { findServer } from "./lookup.ts";

/** os-getConsoleOutput: asked of the host's agent over its WebSocket. */
export class ConsoleOutput {
  constructor(private readonly deps: { prisma: PrismaClient; hub: AgentHub }) {}

  /** `length` keeps the last lines (null: everything). */
  async get(caller: Caller, id: string, length: number | null): Promise<string> {
    const inst = await findServer(this.deps.prisma, caller, id);
    if (!inst.hostId) throw new ZenithError("CONFLICT", `Instance ${id} is not ready`);
    let result: unknown;
    try {
      result = await this.deps.hub.rpc(inst.hostId, {
        method: "consoleOutput",
        params: { uuid: id, ...(length !== null && length > 0 ? { length } : {}) },
      });
    } catch (err) {
      if (!(err instanceof AgentRpcError)) throw err;
      if (err.kind === "unavailable") {
        throw new ZenithError("CONFLICT", `Instance ${id} is not ready: its compute host is not connected.`);
      }
      throw new ZenithError("SERVICE_UNAVAILABLE", `Unable to get console output: ${err.message}`);
    }
    const parsed = ZConsoleOutput.safeParse(result);
    if (!parsed.success)
      throw new ZenithError("SERVICE_UNAVAILABLE", "The compute agent sent no console output.");
    return tail(parsed.data.output, length);
  }
}

/** Nova trims to the last `length` lines itself too, whatever the driver returned. */
export function tail(output: string, length: number | null): string {
  if (length === null || length < 0) return output;
  if (length === 0) return "";
  const lines = output.split("\n");
  const trailing = lines.at(-1) === "" ? 1 : 0;
  return lines.slice(Math.max(0, lines.length - length - trailing)).join("\n");
}
