import type { Prisma } from "@zenith/db/client";
import type { ResourceRequest } from "./resources.ts";

type Tx = Prisma.TransactionClient;

/**
 * Claims resources on a host with one conditional UPDATE: the capacity
 * check and the increment happen in the same statement, so concurrent
 * claims (row-locked on PostgreSQL, serialized on PGlite) can never
 * overbook. False when the host no longer has room.
 */
export async function claimResources(db: Tx, hostId: string, r: ResourceRequest): Promise<boolean> {
  const rows = await db.$executeRaw`
    UPDATE compute_host
       SET vcpus_used = vcpus_used + ${r.vcpus},
           memory_mb_used = memory_mb_used + ${r.memoryMb},
           local_gb_used = local_gb_used + ${r.diskGb},
           running_vms = running_vms + 1,
           updated_at = now()
     WHERE id = ${hostId}
       AND NOT disabled
       AND vcpus_used + ${r.vcpus} <= vcpus * cpu_allocation_ratio
       AND memory_mb_used + ${r.memoryMb} <= memory_mb * ram_allocation_ratio
       AND local_gb_used + ${r.diskGb} <= local_gb * disk_allocation_ratio`;
  return rows === 1;
}

/**
 * Extra resources for an in-place resize: the new flavor is claimed next
 * to the old one (as Nova holds both until confirm or revert) without
 * counting another VM.
 */
export async function claimExtra(db: Tx, hostId: string, r: ResourceRequest): Promise<boolean> {
  const rows = await db.$executeRaw`
    UPDATE compute_host
       SET vcpus_used = vcpus_used + ${r.vcpus},
           memory_mb_used = memory_mb_used + ${r.memoryMb},
           local_gb_used = local_gb_used + ${r.diskGb},
           updated_at = now()
     WHERE id = ${hostId}
       AND vcpus_used + ${r.vcpus} <= vcpus * cpu_allocation_ratio
       AND memory_mb_used + ${r.memoryMb} <= memory_mb * ram_allocation_ratio
       AND local_gb_used + ${r.diskGb} <= local_gb * disk_allocation_ratio`;
  return rows === 1;
}

/**
 * Gives resources back. Callers release inside the same transaction as the
 * instance change that ends the claim (guarded by a conditional update), so
 * each claim is released exactly once; GREATEST keeps a repaired database
 * from going negative.
 */
export async function releaseResources(
  db: Tx,
  hostId: string,
  r: ResourceRequest,
  opts: { vm: boolean } = { vm: true },
): Promise<void> {
  const vms = opts.vm ? 1 : 0;
  await db.$executeRaw`
    UPDATE compute_host
       SET vcpus_used = GREATEST(vcpus_used - ${r.vcpus}, 0),
           memory_mb_used = GREATEST(memory_mb_used - ${r.memoryMb}, 0),
           local_gb_used = GREATEST(local_gb_used - ${r.diskGb}, 0),
           running_vms = GREATEST(running_vms - ${vms}, 0),
           updated_at = now()
     WHERE id = ${hostId}`;
}
