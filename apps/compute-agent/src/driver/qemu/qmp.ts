/**
 * A QMP client over QEMU's unix monitor socket: greeting, capability
 * negotiation, commands matched to replies by `id`, asynchronous events.
 * QEMU serves one monitor client at a time, so the driver keeps exactly one
 * client per running guest and shares it between callers.
 */
import { EventEmitter } from "node:events";
import { connect, type Socket } from "node:net";
import { z } from "zod";

/** QMP's JSON messages, validated as they arrive (the socket is an edge). */
const greetingSchema = z.object({ QMP: z.looseObject({}) });
const replySchema = z.union([
  z.object({ return: z.unknown(), id: z.string().optional() }),
  z.object({ error: z.object({ class: z.string(), desc: z.string() }), id: z.string().optional() }),
]);
const eventSchema = z.object({
  event: z.string(),
  data: z.record(z.string(), z.unknown()).optional(),
});
export type QmpEvent = z.infer<typeof eventSchema>;

/** A command QEMU refused (`{"error": {...}}`), as opposed to a broken connection or a timeout. */
export class QmpCommandError extends Error {
  constructor(
    readonly command: string,
    readonly errorClass: string,
    desc: string,
  ) {
    super(`QMP ${command}: ${errorClass}: ${desc}`);
    this.name = "QmpCommandError";
  }
}

interface Pending {
  command: string;
  resolve: (value: unknown) => void;
  reject: (err: Error) => void;
  timer: NodeJS.Timeout;
}

export class QmpClient extends EventEmitter<{ event: [QmpEvent]; close: [] }> {
  private buffer = "";
  private nextId = 1;
  private readonly pending = new Map<string, Pending>();
  private ended = false;
  /** Set by `connect` until the greeting arrives. */
  private greeted: (() => void) | undefined;
  /** Resolves when the connection is gone, whoever closed it (QEMU exiting closes it). */
  readonly closed: Promise<void>;

  private constructor(private readonly socket: Socket) {
    super();
    this.closed = new Promise((resolve) => socket.once("close", () => resolve()));
    socket.setEncoding("utf8");
    socket.on("data", (chunk: string) => this.onData(chunk));
    socket.on("error", () => {}); // "close" follows and fails what is pending
    socket.once("close", () => this.onClose());
  }

  /**
   * Connects, reads the greeting and leaves capability negotiation mode.
   * A monitor already held by another client queues the connection without
   * a greeting, hence the timeout.
   */
  static async connect(path: string, timeoutMs: number): Promise<QmpClient> {
    const socket = connect(path);
    const client = new QmpClient(socket);
    const timer = setTimeout(
      () => socket.destroy(new Error(`no QMP greeting on ${path} within ${timeoutMs} ms`)),
      timeoutMs,
    );
    try {
      await new Promise<void>((resolve, reject) => {
        client.greeted = resolve;
        socket.once("error", reject);
        socket.once("close", () => reject(new Error(`QMP socket ${path} closed before the greeting`)));
      });
      await client.execute("qmp_capabilities", undefined, timeoutMs);
      return client;
    } catch (err) {
      socket.destroy();
      throw err;
    } finally {
      clearTimeout(timer);
    }
  }

  get isOpen(): boolean {
    return !this.ended;
  }

  /** Runs one command; rejects with `QmpCommandError` when QEMU refuses it. */
  execute<T = unknown>(command: string, args?: Record<string, unknown>, timeoutMs = 10_000): Promise<T> {
    if (this.ended) return Promise.reject(new Error(`QMP connection closed (${command})`));
    const id = String(this.nextId++);
    return new Promise<T>((resolve, reject) => {
      const timer = setTimeout(() => {
        this.pending.delete(id);
        reject(new Error(`QMP ${command} got no reply within ${timeoutMs} ms`));
      }, timeoutMs);
      this.pending.set(id, { command, resolve: (v) => resolve(v as T), reject, timer });
      const message =
        args === undefined ? { execute: command, id } : { execute: command, arguments: args, id };
      this.socket.write(`${JSON.stringify(message)}\n`);
    });
  }

  /** Resolves with the first event named `name` that `match` accepts; rejects on timeout or close. */
  waitForEvent(
    name: string,
    timeoutMs: number,
    match: (e: QmpEvent) => boolean = () => true,
  ): Promise<QmpEvent> {
    return new Promise((resolve, reject) => {
      const onEvent = (e: QmpEvent) => {
        if (e.event !== name || !match(e)) return;
        done();
        resolve(e);
      };
      const onClose = () => {
        done();
        reject(new Error(`QMP connection closed while waiting for ${name}`));
      };
      const timer = setTimeout(() => {
        done();
        reject(new Error(`no ${name} event within ${timeoutMs} ms`));
      }, timeoutMs);
      const done = () => {
        clearTimeout(timer);
        this.off("event", onEvent);
        this.off("close", onClose);
      };
      this.on("event", onEvent);
      this.once("close", onClose);
    });
  }

  close(): void {
    this.socket.destroy();
  }

  private onData(chunk: string): void {
    this.buffer += chunk;
    for (;;) {
      const nl = this.buffer.indexOf("\n");
      if (nl < 0) return;
      const line = this.buffer.slice(0, nl).trim();
      this.buffer = this.buffer.slice(nl + 1);
      if (line !== "") this.onMessage(line);
    }
  }

  private onMessage(line: string): void {
    let json: unknown;
    try {
      json = JSON.parse(line);
    } catch {
      this.socket.destroy(new Error(`QMP sent invalid JSON: ${line.slice(0, 200)}`));
      return;
    }
    const event = eventSchema.safeParse(json);
    if (event.success) {
      this.emit("event", event.data);
      return;
    }
    if (greetingSchema.safeParse(json).success) {
      this.greeted?.();
      this.greeted = undefined;
      return;
    }
    const reply = replySchema.safeParse(json);
    if (!reply.success || reply.data.id === undefined) return;
    const waiter = this.pending.get(reply.data.id);
    if (!waiter) return; // timed out already
    this.pending.delete(reply.data.id);
    clearTimeout(waiter.timer);
    if ("error" in reply.data) {
      waiter.reject(new QmpCommandError(waiter.command, reply.data.error.class, reply.data.error.desc));
    } else {
      waiter.resolve(reply.data.return);
    }
  }

  private onClose(): void {
    this.ended = true;
    for (const [id, waiter] of this.pending) {
      clearTimeout(waiter.timer);
      this.pending.delete(id);
      waiter.reject(new Error(`QMP connection closed (${waiter.command})`));
    }
    this.emit("close");
  }
}
