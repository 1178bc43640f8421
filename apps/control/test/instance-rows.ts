import { randomUUID } from "node:crypto";
import type { Prisma } from "@zenith/db/client";

/** The flavor snapshot an instance row keeps (m1.tiny as seeded). */
export const TINY_FLAVOR = {
  id: "1",
  name: "m1.tiny",
  vcpus: 1,
  ram: 512,
  disk: 1,
  ephemeral: 0,
  swap: 0,
  extra_specs: {},
};

/** An instance row written straight to the database (no scheduler, no agent), for tests of reads and counts. */
export function instanceRow(
  data: Partial<Prisma.InstanceUncheckedCreateInput> & { projectId: string },
): Prisma.InstanceUncheckedCreateInput {
  return {
    id: randomUUID(),
    name: "vm",
    userId: "u",
    reservationId: `r-${randomUUID()}`,
    flavorId: TINY_FLAVOR.id,
    flavor: TINY_FLAVOR,
    ...data,
  };
}
