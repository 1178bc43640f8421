import { ZenithError } from "@zenith/core/errors";
import type { PrismaClient } from "@zenith/db/client";
import { z } from "zod";
import type { DesiredPublisher } from "../agent-hub/publisher.ts";
import type { QuotaService } from "../quotas.ts";
import type { Caller } from "./caller.ts";
import { findServer } from "./lookup.ts";
import { checkMetadataQuota } from "./metadata-rules.ts";
import { VmState } from "./states.ts";
import { type StateRule, transition } from "./transition.ts";

const ZStringMap = z.record(z.string(), z.string()).catch({});
/** Nova allows metadata changes only in these vm_states, without a task. */
const WRITABLE = [VmState.ACTIVE, VmState.PAUSED, VmState.SUSPENDED, VmState.STOPPED];
const rule = (nova: string): StateRule => ({ nova, vmStates: WRITABLE, taskStates: [null], checkLock: true });

export function metadataOf(value: unknown): Record<string, string> {
  return ZStringMap.parse(value);
}

/** `/servers/{id}/metadata`: reads, and writes that become desired state (the agent sees metadata). */
export class ServerMetadata {
  constructor(
    private readonly deps: { prisma: PrismaClient; publisher: DesiredPublisher; quotas: QuotaService },
  ) {}

  async list(caller: Caller, id: string): Promise<Record<string, string>> {
    return metadataOf((await findServer(this.deps.prisma, caller, id)).metadata);
  }

  async get(caller: Caller, id: string, key: string): Promise<string> {
    const value = (await this.list(caller, id))[key];
    if (value === undefined) throw ZenithError.notFound("Metadata item was not found");
    return value;
  }

  /** PUT replaces everything; POST (and PUT of one key) merges. */
  async write(caller: Caller, id: string, items: Record<string, string>, replace: boolean) {
    const { quotas } = this.deps;
    const inst = await findServer(this.deps.prisma, caller, id);
    const next = replace ? { ...items } : { ...metadataOf(inst.metadata), ...items };
    checkMetadataQuota(next, (await quotas.limits(inst.projectId)).metadata_items);
    await transition(this.deps, caller, id, {
      rule: rule("update_metadata"),
      record: false,
      data: (fresh) => ({ metadata: replace ? next : { ...metadataOf(fresh.metadata), ...items } }),
    });
    return next;
  }

  async remove(caller: Caller, id: string, key: string): Promise<void> {
    const inst = await findServer(this.deps.prisma, caller, id);
    if (metadataOf(inst.metadata)[key] === undefined)
      throw ZenithError.notFound("Metadata item was not found");
    await transition(this.deps, caller, id, {
      rule: rule("delete_metadata"),
      record: false,
      data: (fresh) => {
        const { [key]: _gone, ...rest } = metadataOf(fresh.metadata);
        return { metadata: rest };
      },
    });
  }
}
