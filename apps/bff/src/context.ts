import { randomUUID } from "node:crypto";
import type { Logger } from "@zenith/core/logger";
import { type DecodedSession, readSession } from "./session.ts";

/** Settings the procedures need, taken from the env once by main.ts (or by tests). */
export interface BffConfig {
  keystoneUrl: string;
  authSecret: string;
  /** Injected for tests; defaults to global fetch. */
  fetch?: typeof fetch | undefined;
  /** Bound of a tRPC request body in bytes (BFF_MAX_BODY_BYTES). */
  maxBodyBytes?: number | undefined;
}

export interface Context {
  requestId: string;
  log: Logger;
  config: BffConfig;
  /** The decoded next-auth cookie, or null when absent/undecodable. */
  session: DecodedSession | null;
  /** Appends a `Set-Cookie` header to the response. */
  setCookie: (header: string) => void;
}

export interface ContextInput {
  cookieHeader: string | undefined;
  setCookie: (header: string) => void;
  requestId?: string | undefined;
}

export function createContextFactory(config: BffConfig, log: Logger) {
  return async (input: ContextInput): Promise<Context> => {
    const requestId = input.requestId ?? randomUUID();
    const session = await readSession(input.cookieHeader, config.authSecret);
    const reqLog = log.child({
      requestId,
      user: session?.keystone.user.id,
      project: session?.keystone.project?.id,
    });
    return { requestId, log: reqLog, config, session, setCookie: input.setCookie };
  };
}
