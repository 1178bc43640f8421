#!/usr/bin/env node
// Stands in for qemu-system-x86_64 in tests: serves a QMP monitor on the
// `-qmp unix:PATH,...` socket whose `query-status` answers FAKE_QEMU_STATUS
// (e.g. internal-error, what a paravirtual KVM reports for a frozen Linux
// guest), prints FAKE_QEMU_STDERR on stderr and FAKE_QEMU_SERIAL (default
// nothing) on the serial port (stdout), and runs until killed.
import { createServer } from "node:net";

const status = process.env.FAKE_QEMU_STATUS ?? "internal-error";
const qmpArg = process.argv[process.argv.indexOf("-qmp") + 1] ?? "";
const path = /^unix:([^,]+)/.exec(qmpArg)?.[1];
if (!path) {
  process.stderr.write(`fake qemu: no -qmp unix: socket in ${process.argv.join(" ")}\n`);
  process.exit(2);
}
if (process.env.FAKE_QEMU_STDERR) process.stderr.write(`${process.env.FAKE_QEMU_STDERR}\n`);
if (process.env.FAKE_QEMU_SERIAL) process.stdout.write(`${process.env.FAKE_QEMU_SERIAL}\n`);
createServer((socket) => {
  socket.write(`${JSON.stringify({ QMP: { version: {}, capabilities: [] } })}\n`);
  let buffer = "";
  socket.on("data", (chunk) => {
    buffer += chunk.toString("utf8");
    for (let i = buffer.indexOf("\n"); i >= 0; i = buffer.indexOf("\n")) {
      const { execute, id } = JSON.parse(buffer.slice(0, i));
      buffer = buffer.slice(i + 1);
      const ret = execute === "query-status" ? { status, running: status === "running" } : {};
      socket.write(`${JSON.stringify({ return: ret, ...(id === undefined ? {} : { id }) })}\n`);
    }
  });
  socket.on("error", () => {});
}).listen(path);
