import type { PrismaClient } from "@zenith/db/client";

/**
 * Cinder's statuses in which a volume agent still has work to do for a
 * row. Waiting on a person (reserved, awaiting-transfer) or finished
 * (available, in-use, error…) is not pending work.
 */
const VOLUME_BUSY = [
  "creating",
  "deleting",
  "attaching",
  "detaching",
  "extending",
  "downloading",
  "uploading",
  "retyping",
  "backing-up",
  "restoring-backup",
] as const;
const SNAPSHOT_BUSY = ["creating", "deleting", "restoring"] as const;
const BACKUP_BUSY = ["creating", "deleting", "restoring"] as const;

export interface PendingWork {
  /** Live instances with a task in flight, by Nova task_state (a fixed vocabulary). */
  computeTasks: ReadonlyArray<{ taskState: string; count: number }>;
  /**
   * Instance ports bound to a host whose current generation its network
   * agent has not reported wired yet (never wired, or wired at an older
   * generation), by host.
   */
  unwiredPorts: ReadonlyArray<{ host: string; count: number }>;
  /** Volumes, snapshots and backups in a transitional status, by kind and status. */
  volumeOperations: ReadonlyArray<{
    resource: "volume" | "snapshot" | "backup";
    status: string;
    count: number;
  }>;
}

/**
 * The desired state agents have not converged to yet, as the database
 * holds it: the queue of work behind the hubs. Grouped counts only, so a
 * scrape costs a few indexed aggregates whatever the cloud's size.
 */
export async function readPendingWork(prisma: PrismaClient): Promise<PendingWork> {
  const [tasks, ports, volumes, snapshots, backups] = await Promise.all([
    prisma.instance.groupBy({
      by: ["taskState"],
      where: { deletedAt: null, taskState: { not: null } },
      _count: { _all: true },
    }),
    prisma.port.groupBy({
      by: ["bindingHost"],
      where: {
        bindingHost: { not: "" },
        // Only instance ports carry wiredGeneration (DHCP and router ports follow their host's reports).
        deviceOwner: { startsWith: "compute:" },
        OR: [{ wiredGeneration: null }, { wiredGeneration: { lt: prisma.port.fields.generation } }],
      },
      _count: { _all: true },
    }),
    prisma.volume.groupBy({
      by: ["status"],
      where: { deletedAt: null, status: { in: [...VOLUME_BUSY] } },
      _count: { _all: true },
    }),
    prisma.volumeSnapshot.groupBy({
      by: ["status"],
      where: { deletedAt: null, status: { in: [...SNAPSHOT_BUSY] } },
      _count: { _all: true },
    }),
    prisma.volumeBackup.groupBy({
      by: ["status"],
      where: { deletedAt: null, status: { in: [...BACKUP_BUSY] } },
      _count: { _all: true },
    }),
  ]);
  return {
    computeTasks: tasks.flatMap((t) =>
      t.taskState === null ? [] : [{ taskState: t.taskState, count: t._count._all }],
    ),
    unwiredPorts: ports.map((p) => ({ host: p.bindingHost, count: p._count._all })),
    volumeOperations: [
      ...volumes.map((v) => ({ resource: "volume" as const, status: v.status, count: v._count._all })),
      ...snapshots.map((s) => ({ resource: "snapshot" as const, status: s.status, count: s._count._all })),
      ...backups.map((b) => ({ resource: "backup" as const, status: b.status, count: b._count._all })),
    ],
  };
}
