/** Synchronous questions from the control plane, answered straight from the driver (reads run any time). */
import { type AgentMessage, type RpcMessage, ZConsoleOutput } from "@zenith/agent-protocol/compute";
import type { ConsoleRelay } from "./console-relay.ts";
import { errorMessage } from "./converge.ts";
import type { ComputeDriver } from "./driver/types.ts";
import { isDriverError } from "./driver/types.ts";

/** Nova's `os-getConsoleOutput` `length` counts lines from the end, not bytes. */
export function tailLines(text: string, lines: number | undefined): string {
  return lines === undefined ? text : text.split("\n").slice(-lines).join("\n");
}

export interface RpcDeps {
  driver: ComputeDriver;
  consoles: ConsoleRelay;
}

export async function answerRpc(deps: RpcDeps, msg: RpcMessage): Promise<AgentMessage> {
  try {
    switch (msg.method) {
      case "consoleOutput": {
        const output = await deps.driver.consoleOutput(msg.params.uuid);
        const result = ZConsoleOutput.parse({ output: tailLines(output, msg.params.length) });
        return { type: "rpcResult", id: msg.id, ok: true, result };
      }
      case "openConsole": {
        await deps.consoles.start(msg.params);
        return { type: "rpcResult", id: msg.id, ok: true, result: {} };
      }
    }
  } catch (err) {
    const code = isDriverError(err) ? err.code : "Internal";
    return { type: "rpcResult", id: msg.id, ok: false, error: { code, message: errorMessage(err) } };
  }
}
