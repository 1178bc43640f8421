import type { PrismaClient } from "@zenith/db/client";
import type { ComputeHost, Instance } from "@zenith/db/generated";
import type { Caller } from "./caller.ts";
import { serverNotFound } from "./errors.ts";

export type InstanceWithHost = Instance & { host: ComputeHost | null };

/**
 * A server the caller may address, or 404: missing, deleted (unless asked
 * for), and other projects' servers all look the same to a non-admin.
 */
export async function findServer(
  prisma: PrismaClient,
  caller: Caller,
  id: string,
  opts: { includeDeleted?: boolean } = {},
): Promise<InstanceWithHost> {
  const inst = await prisma.instance.findUnique({ where: { id }, include: { host: true } });
  if (!inst) throw serverNotFound(id);
  if (!caller.admin && inst.projectId !== caller.projectId) throw serverNotFound(id);
  if (inst.deletedAt !== null && !opts.includeDeleted) throw serverNotFound(id);
  return inst;
}
