import type { Logger } from "@zenith/core/logger";
import type { PrismaClient } from "@zenith/db/client";
import type { ControlConfig } from "../../config.ts";
import type { LoginThrottle } from "./login-throttle.ts";
import type { TokenCache } from "./token-cache.ts";

/** What every identity service gets: the database, settings and shared in-memory state. */
export interface IdentityDeps {
  prisma: PrismaClient;
  config: ControlConfig;
  logger: Logger;
  tokenCache: TokenCache;
  /** Failed logins per user name (or credential). */
  userThrottle: LoginThrottle;
  /** Failed logins per client address. */
  addressThrottle: LoginThrottle;
  /** scrypt hash of a random secret, checked for unknown users (equal timing). */
  decoyHash: string;
}
