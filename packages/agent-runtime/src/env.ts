/**
 * The environment every agent shares (where the control plane is, how the
 * host gets its credential, where its state lives). An agent extends
 * `ZAgentRuntimeEnv` with its own variables and parses once at start.
 */
import { readFile } from "node:fs/promises";
import { join, resolve } from "node:path";
import { secretEnv } from "@zenith/core/env";
import type { Logger } from "@zenith/core/logger";
import { z } from "zod";
import { hostCredential, type SerialLock } from "./enrolment.ts";

export const ZAgentRuntimeEnv = z.object({
  ZENITH_CONTROL_URL: z.url({ protocol: /^https?$/ }).default("http://localhost:5000"),
  /** A one-time join token for a host without a credential (one host: a join token is spent once). */
  ZENITH_AGENT_JOIN_TOKEN: z.string().min(1).optional(),
  /** Default `<ZENITH_DATA_DIR>/agent-join-token`, where a local control plane keeps an unused one. */
  ZENITH_AGENT_JOIN_TOKEN_FILE: z.string().min(1).optional(),
  /** Deprecated: a token shared by all agents (no enrolment); only for control planes configured with one. */
  ZENITH_AGENT_TOKEN: secretEnv("ZENITH_AGENT_TOKEN").optional(),
  /** Deprecated, like ZENITH_AGENT_TOKEN, read from a file. */
  ZENITH_AGENT_TOKEN_FILE: z.string().min(1).optional(),
  ZENITH_DATA_DIR: z.string().min(1).default("./.zenith"),
});
export type AgentRuntimeEnv = z.infer<typeof ZAgentRuntimeEnv>;

/**
 * The deprecated shared token, only when configured explicitly (then the
 * agent does not enrol). Re-read on every attempt, so a rotated token is
 * picked up by the next reconnect.
 */
export function sharedTokenProvider(env: AgentRuntimeEnv): (() => Promise<string>) | undefined {
  const inline = env.ZENITH_AGENT_TOKEN;
  if (inline !== undefined) return async () => inline;
  if (env.ZENITH_AGENT_TOKEN_FILE === undefined) return undefined;
  const file = resolve(env.ZENITH_AGENT_TOKEN_FILE);
  return async () => {
    const token = (await readFile(file, "utf8")).trim();
    if (token === "") throw new Error(`agent token file ${file} is empty`);
    return token;
  };
}

/**
 * The join token to enrol with, read on every attempt: on a fresh
 * single-machine install the control plane may write its file after the
 * agent starts, and renews it once a host has spent it. Undefined when none.
 */
export function joinTokenProvider(env: AgentRuntimeEnv): () => Promise<string | undefined> {
  const inline = env.ZENITH_AGENT_JOIN_TOKEN;
  if (inline !== undefined) return async () => inline;
  const file = resolve(env.ZENITH_AGENT_JOIN_TOKEN_FILE ?? join(env.ZENITH_DATA_DIR, "agent-join-token"));
  return async () => {
    try {
      const token = (await readFile(file, "utf8")).trim();
      return token === "" ? undefined : token;
    } catch (err) {
      if (err instanceof Error && "code" in err && err.code === "ENOENT") return undefined;
      throw err;
    }
  };
}

/** A host's state folder for one agent kind, `<data>/<kind>/<host>` (kind: compute, network…): state, caches. */
export function hostStateDir(dataDir: string, kind: string, host: string): string {
  return resolve(dataDir, kind, host);
}

/**
 * Where a host's credential lives: `<data>/hosts/<host>/credential.json`,
 * independent of the agent kind, because the control plane binds one
 * credential to a host name and every agent of that host presents it.
 */
export function hostCredentialFile(dataDir: string, host: string): string {
  return resolve(dataDir, "hosts", host, "credential.json");
}

/**
 * What a host presents to the control plane: the deprecated shared token
 * when one is configured, else the host's credential (enrolling first when
 * it has none, once per host even when its agents start together).
 */
export function agentCredential(
  env: AgentRuntimeEnv,
  opts: { host: string; logger: Logger; lock: SerialLock },
): () => Promise<string> {
  return (
    sharedTokenProvider(env) ??
    hostCredential({
      controlUrl: env.ZENITH_CONTROL_URL,
      host: opts.host,
      file: hostCredentialFile(env.ZENITH_DATA_DIR, opts.host),
      // Before the network agent, the compute agent kept it in its own folder.
      legacyFiles: [join(hostStateDir(env.ZENITH_DATA_DIR, "compute", opts.host), "credential.json")],
      joinToken: joinTokenProvider(env),
      logger: opts.logger,
      lock: opts.lock,
    })
  );
}
