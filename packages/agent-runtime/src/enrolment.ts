/**
 * The host's own credential. On first start the agent spends a one-time
 * join token (`POST AGENT_ENROL_PATH`) for a secret bound to its host
 * name, keeps it in its state folder (mode 0600) and presents it from then
 * on, across restarts of agent and control plane; the join token is never
 * needed again.
 */
import { mkdir, open, readFile, rename } from "node:fs/promises";
import { dirname } from "node:path";
import { AGENT_ENROL_PATH, ZEnrolResponse, ZHostName } from "@zenith/agent-protocol/enrolment";
import type { Logger } from "@zenith/core/logger";
import lockfile from "proper-lockfile";
import { z } from "zod";
import { postJson } from "./http-client.ts";
import { parseJson } from "./json.ts";

const ZCredentialFile = z.object({
  version: z.literal(1),
  host: ZHostName,
  credential: z.string().min(1),
});

/** Runs jobs one after another: the hosts of one process enrol in turn from one join-token source. */
export class SerialLock {
  private tail: Promise<unknown> = Promise.resolve();

  run<T>(job: () => Promise<T>): Promise<T> {
    const next = this.tail.then(job, job);
    this.tail = next.catch(() => {});
    return next;
  }
}

export interface HostCredentialOptions {
  controlUrl: string;
  host: string;
  /** Where the credential is kept (`<data>/hosts/<host>/credential.json`, shared by the host's agents). */
  file: string;
  /**
   * Where an older agent kept it (`<data>/compute/<host>/credential.json`):
   * read when `file` is absent and copied to `file`, so an upgraded host
   * does not enrol again (its join token is spent).
   */
  legacyFiles?: readonly string[];
  /** A join token to spend when there is no credential yet, read again on every attempt; undefined when none. */
  joinToken: () => Promise<string | undefined>;
  logger: Logger;
  /** Shared by the hosts of one process. */
  lock?: SerialLock;
}

export async function readCredential(file: string, host: string): Promise<string | undefined> {
  let text: string;
  try {
    text = await readFile(file, "utf8");
  } catch (err) {
    if (err instanceof Error && "code" in err && err.code === "ENOENT") return undefined;
    throw err;
  }
  const parsed = ZCredentialFile.safeParse(parseJson(text));
  if (!parsed.success) throw new Error(`credential file ${file} is unreadable; remove it and enrol again`);
  if (parsed.data.host !== host) {
    throw new Error(`credential file ${file} belongs to host ${parsed.data.host}, not ${host}`);
  }
  return parsed.data.credential;
}

/**
 * Runs `job` holding a lock on `file` shared with other processes (the
 * compute and network agents of one host start together and must enrol
 * once). proper-lockfile's lock is a directory next to the file, refreshed
 * while held and taken over when stale (a holder killed with -9).
 */
async function withFileLock<T>(file: string, job: () => Promise<T>): Promise<T> {
  await mkdir(dirname(file), { recursive: true, mode: 0o700 });
  const release = await lockfile.lock(file, {
    realpath: false,
    lockfilePath: `${file}.lock`,
    stale: 20_000,
    // An enrolment is one HTTP round trip; waiting up to ~a minute covers a slow control plane.
    retries: { retries: 120, minTimeout: 20, maxTimeout: 500, factor: 1.5 },
  });
  try {
    return await job();
  } finally {
    await release();
  }
}

/** Temp file (0600), fsync, rename: a crash leaves no credential or the whole one. */
async function writeCredential(file: string, host: string, credential: string): Promise<void> {
  await mkdir(dirname(file), { recursive: true, mode: 0o700 });
  const temp = `${file}.${process.pid}.tmp`;
  const handle = await open(temp, "w", 0o600);
  try {
    await handle.writeFile(JSON.stringify({ version: 1, host, credential }));
    await handle.datasync();
  } finally {
    await handle.close();
  }
  await rename(temp, file);
}

/** Spends `joinToken` for a credential bound to `host`. */
export async function enrol(controlUrl: string, joinToken: string, host: string): Promise<string> {
  const url = new URL(controlUrl.replace(/\/+$/, "") + AGENT_ENROL_PATH);
  const answer = ZEnrolResponse.parse(await postJson(url, joinToken, { host }));
  if (answer.host !== host) throw new Error(`enrolled as ${answer.host}, not ${host}`);
  return answer.credential;
}

/**
 * The token provider of a host (what the connection, image transfers and
 * console relays present): its stored credential, or one obtained by
 * enrolling first. Rejects while there is neither, so the connection
 * retries with backoff and picks up a join token that appears later.
 */
export function hostCredential(options: HostCredentialOptions): () => Promise<string> {
  const lock = options.lock ?? new SerialLock();
  let known: string | undefined;
  return async () => {
    if (known !== undefined) return known;
    known = await lock.run(() => withFileLock(options.file, () => obtain(options)));
    return known;
  };
}

/** Under both locks: the stored credential, a legacy one moved into place, or a new enrolment. */
async function obtain(options: HostCredentialOptions): Promise<string> {
  const { controlUrl, host, file, logger } = options;
  const stored = await readCredential(file, host);
  if (stored !== undefined) return stored;
  for (const legacy of options.legacyFiles ?? []) {
    const old = await readCredential(legacy, host);
    if (old === undefined) continue;
    await writeCredential(file, host, old);
    logger.info({ file, from: legacy }, "credential moved to the host's shared folder");
    return old;
  }
  const joinToken = await options.joinToken();
  if (joinToken === undefined) {
    throw new Error(`host ${host} has no credential yet and no join token to enrol with`);
  }
  const credential = await enrol(controlUrl, joinToken, host);
  await writeCredential(file, host, credential);
  logger.info({ file }, "enrolled with the control plane; credential stored");
  return credential;
}
