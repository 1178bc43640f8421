/**
 * A short QMP session with one export daemon: greeting, capabilities, a few
 * commands in order, close. The daemon serves one monitor client at a time
 * and the driver runs one operation per volume at a time, so sessions never
 * overlap. Events are ignored (the driver polls state instead).
 */
import { connect, type Socket } from "node:net";
import { parseJson } from "@zenith/agent-runtime/json";
import { z } from "zod";
import { VolumeDriverError } from "../errors.ts";

const errorSchema = z.object({ error: z.object({ class: z.string(), desc: z.string() }) });
const messageSchema = z.union([
  z.object({ QMP: z.looseObject({}) }),
  z.object({ event: z.string() }).loose(),
  // Errors before returns: a reply is one or the other, and `return` may hold anything.
  errorSchema,
  z.object({ return: z.unknown() }),
]);
type Message = z.infer<typeof messageSchema>;

/** Bound on one line from the monitor (replies here are small). */
const MAX_LINE = 1024 * 1024;

export class QmpSession {
  private buffer = "";
  private readonly lines: string[] = [];
  private waiter: (() => void) | undefined;
  private failure: Error | undefined;

  private constructor(
    private readonly socket: Socket,
    private readonly timeoutMs: number,
  ) {
    socket.setEncoding("utf8");
    socket.on("data", (chunk: string) => {
      this.buffer += chunk;
      if (this.buffer.length > MAX_LINE) this.fail(new Error("QMP line too long"));
      for (let nl = this.buffer.indexOf("\n"); nl >= 0; nl = this.buffer.indexOf("\n")) {
        const line = this.buffer.slice(0, nl).trim();
        this.buffer = this.buffer.slice(nl + 1);
        if (line !== "") this.lines.push(line);
      }
      this.wake();
    });
    socket.on("error", (err) => this.fail(err));
    socket.on("close", () => this.fail(new Error("QMP connection closed")));
  }

  /** Opens a session on `path` and leaves capability negotiation mode. */
  static async open(path: string, timeoutMs: number): Promise<QmpSession> {
    const session = new QmpSession(connect(path), timeoutMs);
    try {
      const greeting = await session.next();
      if (!("QMP" in greeting)) throw new Error("QMP greeting missing");
      await session.execute("qmp_capabilities");
      return session;
    } catch (err) {
      session.close();
      throw err;
    }
  }

  /** Runs one command; rejects with QEMU's error class and text when refused. */
  async execute(command: string, args?: Record<string, unknown>): Promise<unknown> {
    this.socket.write(
      `${JSON.stringify(args === undefined ? { execute: command } : { execute: command, arguments: args })}\n`,
    );
    for (;;) {
      const message = await this.next();
      const refused = errorSchema.safeParse(message);
      if (refused.success) {
        throw new Error(`QMP ${command}: ${refused.data.error.class}: ${refused.data.error.desc}`);
      }
      if ("return" in message) return message.return;
    }
  }

  close(): void {
    this.socket.destroy();
  }

  private async next(): Promise<Message> {
    for (;;) {
      const line = this.lines.shift();
      if (line !== undefined) {
        const parsed = messageSchema.safeParse(parseJson(line));
        if (!parsed.success) throw new Error(`QMP sent an unexpected message: ${line.slice(0, 200)}`);
        if ("event" in parsed.data) continue;
        return parsed.data;
      }
      if (this.failure) throw this.failure;
      await new Promise<void>((resolve, reject) => {
        const timer = setTimeout(
          () => reject(new VolumeDriverError("Timeout", `QMP gave no reply within ${this.timeoutMs} ms`)),
          this.timeoutMs,
        );
        this.waiter = () => {
          clearTimeout(timer);
          resolve();
        };
      });
    }
  }

  private wake(): void {
    const w = this.waiter;
    this.waiter = undefined;
    w?.();
  }

  private fail(err: Error): void {
    this.failure ??= err;
    this.wake();
  }
}

/** Opens a session, runs `work`, always closes. */
export async function withQmp<T>(
  path: string,
  timeoutMs: number,
  work: (qmp: QmpSession) => Promise<T>,
): Promise<T> {
  const qmp = await QmpSession.open(path, timeoutMs);
  try {
    return await work(qmp);
  } finally {
    qmp.close();
  }
}
