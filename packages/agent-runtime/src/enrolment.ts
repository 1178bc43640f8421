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
  /** Where the credential is kept, in the host's state folder. */
  file: string;
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
  const { controlUrl, host, file, logger } = options;
  const lock = options.lock ?? new SerialLock();
  let known: string | undefined;
  return async () => {
    if (known !== undefined) return known;
    known = await lock.run(async () => {
      const stored = await readCredential(file, host);
      if (stored !== undefined) return stored;
      const joinToken = await options.joinToken();
      if (joinToken === undefined) {
        throw new Error(`host ${host} has no credential yet and no join token to enrol with`);
      }
      const credential = await enrol(controlUrl, joinToken, host);
      await writeCredential(file, host, credential);
      logger.info({ file }, "enrolled with the control plane; credential stored");
      return credential;
    });
    return known;
  };
}
