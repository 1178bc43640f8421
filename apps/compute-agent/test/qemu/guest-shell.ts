/** Driving a real guest through its serial console: wait for console lines, run shell commands. */
import { randomUUID } from "node:crypto";
import type { ComputeDriver } from "../../src/driver/types.ts";
import { recorder } from "./host.ts";

/** Polls the console log until it matches (a wait for a state, not a sleep). */
export async function consoleShows(
  driver: ComputeDriver,
  uuid: string,
  pattern: RegExp,
  timeoutMs: number,
): Promise<string> {
  const until = Date.now() + timeoutMs;
  for (;;) {
    const log = await driver.consoleOutput(uuid);
    if (pattern.test(log)) return log;
    if (Date.now() > until) throw new Error(`console never showed ${pattern}; it has: ${log.slice(-1500)}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

/**
 * Runs `command` in the guest's console shell and resolves with what it
 * printed: the lines between two markers the shell prints around it (the
 * markers are built by the shell, so the echo of the typed line never matches).
 */
export async function runInGuest(
  driver: ComputeDriver,
  uuid: string,
  command: string,
  timeoutMs = 20_000,
): Promise<string> {
  const stream = await (await driver.consoleEndpoint(uuid, "serial")).connect();
  try {
    const out = recorder(stream);
    const word = randomUUID().slice(0, 8);
    stream.write(`echo "begin-$((1))-${word}"; ${command}; echo "end-$((1))-${word}"\n`);
    const text = await out.until(new RegExp(`\\nend-1-${word}\\r?\\n`), timeoutMs);
    const start = text.lastIndexOf(`begin-1-${word}`);
    const end = text.lastIndexOf(`end-1-${word}`);
    return text
      .slice(text.indexOf("\n", start) + 1, end)
      .replaceAll("\r", "")
      .trimEnd();
  } finally {
    stream.destroy();
  }
}

/** The guest's NICs as `/sys/class/net` shows them: name → MAC. */
export async function guestNics(driver: ComputeDriver, uuid: string): Promise<Record<string, string>> {
  const out = await runInGuest(
    driver,
    uuid,
    'for n in /sys/class/net/eth*; do [ -e "$n/address" ] && echo "nic $(basename "$n") $(cat "$n/address")"; done',
  );
  const nics: Record<string, string> = {};
  for (const m of out.matchAll(/^nic (eth\d+) ([0-9a-f:]{17})$/gm)) {
    if (m[1] !== undefined && m[2] !== undefined) nics[m[1]] = m[2];
  }
  return nics;
}
