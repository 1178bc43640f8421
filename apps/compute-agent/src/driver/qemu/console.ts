/**
 * Live consoles of one running guest.
 *
 * Serial: a QEMU socket chardev serves one client at a time (a second one
 * waits unanswered in the listen backlog), yet several viewers may watch the
 * same serial console. So the driver holds the one connection and fans it
 * out: every viewer gets the guest's output from the moment it connected,
 * and what any viewer types goes to the guest. The log file QEMU writes
 * (`logfile=`) is independent of this and records everything.
 *
 * VNC: QEMU's VNC server takes several clients itself (shared sessions), so
 * each viewer gets its own socket carrying the raw RFB stream.
 */
import { connect, type Socket } from "node:net";
import { Duplex } from "node:stream";

const CONNECT_TIMEOUT_MS = 5_000;

/** Connects to a unix socket, failing after `timeoutMs` instead of waiting in a backlog. */
export function connectUnix(path: string, timeoutMs = CONNECT_TIMEOUT_MS): Promise<Socket> {
  return new Promise((resolve, reject) => {
    const socket = connect(path);
    const timer = setTimeout(
      () => socket.destroy(new Error(`no answer on ${path} within ${timeoutMs} ms`)),
      timeoutMs,
    );
    socket.once("connect", () => {
      clearTimeout(timer);
      socket.off("error", reject);
      resolve(socket);
    });
    socket.once("error", (err) => {
      clearTimeout(timer);
      reject(err);
    });
  });
}

export class SerialMux {
  private upstream: Promise<Socket> | undefined;
  private readonly viewers = new Set<Duplex>();
  private closed = false;

  constructor(private readonly path: string) {}

  /** A new viewer: a duplex that ends when the guest stops or the driver closes. */
  async connect(): Promise<Duplex> {
    if (this.closed) throw new Error("serial console closed");
    const socket = await this.socket();
    const viewer = new Duplex({
      // The viewer wants more: the guest's output may flow again if no other viewer is full.
      read: () => this.resumeWhenRoom(socket, viewer),
      write(chunk: Buffer, _enc, done) {
        if (socket.destroyed) done(new Error("serial console closed"));
        else socket.write(chunk, done);
      },
      destroy: (err, done) => {
        this.viewers.delete(viewer);
        this.resumeWhenRoom(socket);
        done(err);
      },
    });
    this.viewers.add(viewer);
    return viewer;
  }

  /** Ends every viewer and the upstream connection; the mux cannot be used again. */
  close(): void {
    this.closed = true;
    this.endViewers();
    void this.upstream?.then(
      (s) => s.destroy(),
      () => {},
    );
  }

  private socket(): Promise<Socket> {
    if (!this.upstream) {
      const pending = connectUnix(this.path).then((socket) => {
        socket.on("data", (chunk: Buffer) => {
          let full = false;
          for (const viewer of this.viewers) if (!viewer.push(chunk)) full = true;
          // A viewer over its buffer bound (its reader is slow): stop reading QEMU's chardev, which
          // then holds the guest's output, instead of queueing it in this process without end.
          if (full) socket.pause();
        });
        socket.on("error", () => {}); // "close" follows
        // The guest stopped (or QEMU dropped us): viewers end, the next connect() starts over.
        socket.once("close", () => {
          if (this.upstream === pending) this.upstream = undefined;
          this.endViewers();
        });
        return socket;
      });
      pending.catch(() => {
        if (this.upstream === pending) this.upstream = undefined;
      });
      this.upstream = pending;
    }
    return this.upstream;
  }

  /** `asking`: the viewer whose read() asks for more (its buffer is being taken, whatever its length says now). */
  private resumeWhenRoom(socket: Socket, asking?: Duplex): void {
    if (!socket.isPaused()) return;
    for (const viewer of this.viewers) {
      if (viewer !== asking && viewer.readableLength >= viewer.readableHighWaterMark) return;
    }
    socket.resume();
  }

  private endViewers(): void {
    for (const viewer of this.viewers) {
      viewer.push(null);
      viewer.end();
    }
    this.viewers.clear();
  }
}
