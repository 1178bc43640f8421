/**
 * Console access tokens, as Nova's `console_auth_tokens`: random, stored
 * only as a hash, bound to one instance (and its project and host), valid
 * for a few minutes and good for exactly one connection.
 */
import { createHash, randomBytes, randomUUID } from "node:crypto";
import { PowerState } from "@zenith/agent-protocol/compute";
import { ZenithError } from "@zenith/core/errors";
import type { PrismaClient } from "@zenith/db/client";
import type { Caller } from "../servers/caller.ts";
import { findServer } from "../servers/lookup.ts";
import { VmState } from "../servers/states.ts";

/** Nova's `[consoleauth] token_ttl` default. */
export const CONSOLE_TOKEN_TTL_S = 600;

export type ConsoleType = "serial" | "novnc";

export interface IssuedToken {
  token: string;
  instanceId: string;
  expiresAt: Date;
}

/** What a valid token grants: one console of one instance on one host. */
export interface ConsoleGrant {
  instanceId: string;
  projectId: string;
  hostId: string;
  consoleType: ConsoleType;
}

function grantOf(row: {
  instanceId: string;
  projectId: string;
  hostId: string;
  consoleType: string;
}): ConsoleGrant {
  const { instanceId, projectId, hostId } = row;
  return { instanceId, projectId, hostId, consoleType: row.consoleType === "novnc" ? "novnc" : "serial" };
}

const hashToken = (token: string): string => createHash("sha256").update(token).digest("hex");

/** Consoles exist only while the guest runs (or is paused: its screen is still there). */
function consoleReady(vmState: string, powerState: number): boolean {
  const running = powerState === PowerState.RUNNING || powerState === PowerState.PAUSED;
  const states: string[] = [VmState.ACTIVE, VmState.PAUSED, VmState.RESIZED];
  return running && states.includes(vmState);
}

export class ConsoleTokens {
  constructor(private readonly deps: { prisma: PrismaClient; ttlS?: number; now?: () => Date }) {}

  private now(): Date {
    return this.deps.now?.() ?? new Date();
  }

  /** A token for `type` of a server the caller can see (404 otherwise); 409 unless it runs. */
  async issue(caller: Caller, serverId: string, type: ConsoleType): Promise<IssuedToken> {
    const inst = await findServer(this.deps.prisma, caller, serverId);
    if (!inst.hostId || !consoleReady(inst.vmState, inst.powerState)) {
      throw new ZenithError(
        "CONFLICT",
        `Instance ${serverId} is not ready: it must be running to open a console.`,
      );
    }
    const token = randomBytes(24).toString("base64url");
    const expiresAt = new Date(this.now().getTime() + (this.deps.ttlS ?? CONSOLE_TOKEN_TTL_S) * 1000);
    await this.deps.prisma.consoleAuthToken.create({
      data: {
        id: randomUUID(),
        tokenHash: hashToken(token),
        consoleType: type,
        instanceId: inst.id,
        projectId: inst.projectId,
        hostId: inst.hostId,
        expiresAt,
      },
    });
    // Expired tokens are useless; clearing them here keeps the table small without a timer.
    await this.deps.prisma.consoleAuthToken.deleteMany({ where: { expiresAt: { lt: this.now() } } });
    return { token, instanceId: inst.id, expiresAt };
  }

  /**
   * Spends a token: null when it is unknown, expired or already used, or when
   * its instance has since been deleted, moved or left its project. The
   * conditional update makes two simultaneous uses impossible.
   */
  async consume(token: string): Promise<ConsoleGrant | null> {
    const now = this.now();
    const tokenHash = hashToken(token);
    const spent = await this.deps.prisma.consoleAuthToken.updateMany({
      where: { tokenHash, usedAt: null, expiresAt: { gt: now } },
      data: { usedAt: now },
    });
    if (spent.count !== 1) return null;
    const row = await this.deps.prisma.consoleAuthToken.findUnique({ where: { tokenHash } });
    if (!row) return null;
    const inst = await this.deps.prisma.instance.findUnique({ where: { id: row.instanceId } });
    if (!inst || inst.deletedAt !== null) return null;
    if (inst.projectId !== row.projectId || inst.hostId !== row.hostId) return null;
    return grantOf(row);
  }

  /** Nova's `GET /os-console-auth-tokens/{token}` (admin): what a live token points at, without spending it. */
  async describe(token: string): Promise<ConsoleGrant | null> {
    const row = await this.deps.prisma.consoleAuthToken.findUnique({
      where: { tokenHash: hashToken(token) },
    });
    if (!row || row.usedAt !== null || row.expiresAt <= this.now()) return null;
    return grantOf(row);
  }
}
