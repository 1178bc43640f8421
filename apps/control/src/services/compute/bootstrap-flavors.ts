import type { PrismaClient } from "@zenith/db/client";

/** Nova's historical default flavors (ids "1".."5"), which many scripts and docs assume exist. */
export const STANDARD_FLAVORS = [
  { id: "1", name: "m1.tiny", vcpus: 1, ramMb: 512, diskGb: 1 },
  { id: "2", name: "m1.small", vcpus: 1, ramMb: 2048, diskGb: 20 },
  { id: "3", name: "m1.medium", vcpus: 2, ramMb: 4096, diskGb: 40 },
  { id: "4", name: "m1.large", vcpus: 4, ramMb: 8192, diskGb: 80 },
  { id: "5", name: "m1.xlarge", vcpus: 8, ramMb: 16384, diskGb: 160 },
] as const;

/** Set once the flavors were seeded: a flavor an admin deletes later must stay deleted. */
const SEEDED_KEY = "bootstrap.flavors_seeded";

/**
 * Creates the standard flavors on a cloud's first start. Idempotent: it
 * runs once per database, skips names or ids already taken, and never
 * touches existing flavors.
 */
export async function seedStandardFlavors(prisma: PrismaClient): Promise<number> {
  if (await prisma.setting.findUnique({ where: { key: SEEDED_KEY } })) return 0;
  let created = 0;
  for (const flavor of STANDARD_FLAVORS) {
    const taken = await prisma.flavor.findFirst({
      where: { OR: [{ id: flavor.id }, { name: flavor.name }] },
    });
    if (taken) continue;
    await prisma.flavor.create({ data: { ...flavor } });
    created++;
  }
  await prisma.setting.upsert({
    where: { key: SEEDED_KEY },
    create: { key: SEEDED_KEY, value: new Date().toISOString() },
    update: {},
  });
  return created;
}
