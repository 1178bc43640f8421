import type { PrismaClient } from "@zenith/db/client";

/**
 * Writes a project's hard limits into the one `quota` table that compute
 * and image quotas share (a missing value is 0, as an explicit limit).
 */
export async function upsertProjectLimits(
  prisma: PrismaClient,
  projectId: string,
  values: Record<string, number | undefined>,
): Promise<void> {
  await prisma.$transaction(
    Object.entries(values).map(([resource, hardLimit]) =>
      prisma.quota.upsert({
        where: { projectId_resource: { projectId, resource } },
        create: { projectId, resource, hardLimit: hardLimit ?? 0 },
        update: { hardLimit: hardLimit ?? 0 },
      }),
    ),
  );
}
