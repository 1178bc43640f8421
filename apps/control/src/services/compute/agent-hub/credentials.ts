import { createHash, timingSafeEqual } from "node:crypto";
import { ZenithError } from "@zenith/core/errors";
import type { Logger } from "@zenith/core/logger";
import type { PrismaClient } from "@zenith/db/client";
import { hashTokenId, newId, newTokenId } from "../../../crypto/token-id.ts";

/** Who presented an agent credential. */
export type AgentPrincipal =
  /** A host's own secret: it may act as `host` only. */
  | { kind: "host"; host: string }
  /** The deprecated shared token (only when configured): any host, no scoping. */
  | { kind: "fleet" };

export const DEFAULT_JOIN_TOKEN_TTL_S = 3600;

export interface AgentCredentialsDeps {
  prisma: PrismaClient;
  logger: Logger;
  /** The shared token of older deployments, accepted only when explicitly configured. */
  sharedToken?: string | undefined;
}

/** `Authorization: Bearer <token>` → the token, or null. */
export function bearerToken(header: string | string[] | undefined): string | null {
  if (typeof header !== "string") return null;
  const m = /^Bearer\s+(\S+)\s*$/i.exec(header);
  return m?.[1] ?? null;
}

/** Constant-time comparison of two secrets (digests first: neither content nor length leaks). */
export function sameSecret(a: string, b: string): boolean {
  const da = createHash("sha256").update(a).digest();
  const db = createHash("sha256").update(b).digest();
  return timingSafeEqual(da, db);
}

/**
 * Per-host agent credentials: one-time join tokens, their exchange for a
 * secret bound to a host name, and the check of what an agent presents.
 * Both tokens and secrets are 32 random bytes; only their sha256 is stored
 * (like Keystone tokens: high-entropy secrets need no slow hash).
 */
export class AgentCredentials {
  private readonly spentListeners: Array<(joinTokenId: string) => Promise<void>> = [];

  constructor(private readonly deps: AgentCredentialsDeps) {}

  /** `listener` runs after each enrolment, before it is answered (the local join-token file renews itself). */
  onJoinTokenSpent(listener: (joinTokenId: string) => Promise<void>): void {
    this.spentListeners.push(listener);
  }

  get sharedTokenEnabled(): boolean {
    return this.deps.sharedToken !== undefined;
  }

  async issueJoinToken(
    ttlSeconds = DEFAULT_JOIN_TOKEN_TTL_S,
  ): Promise<{ id: string; token: string; expiresAt: Date }> {
    const token = newTokenId();
    const expiresAt = new Date(Date.now() + ttlSeconds * 1000);
    const id = newId();
    await this.deps.prisma.agentJoinToken.create({ data: { id, tokenHash: hashTokenId(token), expiresAt } });
    return { id, token, expiresAt };
  }

  /**
   * Spends `joinToken` (one conditional update: a second use, an expired or
   * unknown token are all 401) and binds a new secret to `host`. A name that
   * already has a credential is refused, so a join token cannot take over a
   * host; the whole exchange rolls back then and the token stays unspent.
   */
  async enrol(joinToken: string, host: string): Promise<{ joinTokenId: string; credential: string }> {
    const now = new Date();
    const credential = newTokenId();
    const joinTokenId = await this.deps.prisma.$transaction(async (tx) => {
      const row = await tx.agentJoinToken.findUnique({ where: { tokenHash: hashTokenId(joinToken) } });
      const spent = await tx.agentJoinToken.updateMany({
        where: { tokenHash: hashTokenId(joinToken), usedAt: null, expiresAt: { gt: now } },
        data: { usedAt: now, usedBy: host },
      });
      if (!row || spent.count === 0) {
        throw new ZenithError("UNAUTHORIZED", "The join token is unknown, already used or expired.");
      }
      const taken = await tx.hostCredential.findUnique({ where: { host }, select: { host: true } });
      if (taken) {
        throw new ZenithError(
          "CONFLICT",
          `Host ${host} is already enrolled; an admin must revoke its credential (DELETE /agent/v1/hosts/${host}/credential) before it can enrol again.`,
        );
      }
      await tx.hostCredential.create({ data: { host, secretHash: hashTokenId(credential) } });
      return row.id;
    });
    this.deps.logger.info({ host, joinTokenId }, "host enrolled");
    // The host is enrolled whatever a listener does: failing now would leave its name taken and it without a credential.
    for (const listener of this.spentListeners) {
      await listener(joinTokenId).catch((err: unknown) =>
        this.deps.logger.error({ err, joinTokenId }, "after-enrolment step failed"),
      );
    }
    return { joinTokenId, credential };
  }

  /** What the bearer token is: a host's secret, the shared token, or nothing (null → 401). */
  async authenticate(header: string | string[] | undefined): Promise<AgentPrincipal | null> {
    const token = bearerToken(header);
    if (token === null) return null;
    const row = await this.deps.prisma.hostCredential.findUnique({
      where: { secretHash: hashTokenId(token) },
      select: { host: true },
    });
    if (row) return { kind: "host", host: row.host };
    const shared = this.deps.sharedToken;
    if (shared !== undefined && sameSecret(token, shared)) return { kind: "fleet" };
    return null;
  }

  /** Removes `host`'s credential (its agent must enrol again); false when it had none. */
  async revoke(host: string): Promise<boolean> {
    const removed = await this.deps.prisma.hostCredential.deleteMany({ where: { host } });
    if (removed.count > 0) this.deps.logger.info({ host }, "host credential revoked");
    return removed.count > 0;
  }

  /** Join tokens a day past use or expiry are only clutter. */
  async purgeJoinTokens(): Promise<number> {
    const dayAgo = new Date(Date.now() - 24 * 3600 * 1000);
    const { count } = await this.deps.prisma.agentJoinToken.deleteMany({
      where: { OR: [{ expiresAt: { lt: dayAgo } }, { usedAt: { lt: dayAgo } }] },
    });
    return count;
  }

  /** True when `host` has a credential of its own (its name is then reserved for it). */
  async isEnrolled(host: string): Promise<boolean> {
    const row = await this.deps.prisma.hostCredential.findUnique({ where: { host }, select: { host: true } });
    return row !== null;
  }

  /**
   * Recorded on each hello, so an admin can see which credentials are alive.
   * False when the credential is gone (revoked after the socket was authenticated).
   */
  async touch(host: string): Promise<boolean> {
    const { count } = await this.deps.prisma.hostCredential.updateMany({
      where: { host },
      data: { lastUsedAt: new Date() },
    });
    return count > 0;
  }

  /**
   * The compute host id the principal may act as: its own host once it has
   * said hello; null for the shared token (unscoped); undefined when the
   * host is not registered yet (it may then reach nothing host-scoped).
   */
  async hostIdOf(principal: AgentPrincipal): Promise<string | null | undefined> {
    if (principal.kind === "fleet") return null;
    const row = await this.deps.prisma.computeHost.findUnique({
      where: { host: principal.host },
      select: { id: true },
    });
    return row?.id;
  }
}
