import { ZenithError } from "@zenith/core/errors";
import type { PrismaClient } from "@zenith/db/client";
import type { Flavor, Image } from "@zenith/db/generated";
import { z } from "zod";
import { visibleWhere } from "../../image/visibility.ts";
import type { FlavorSnapshot } from "../flavor-snapshot.ts";
import type { Caller } from "./caller.ts";

const GIB = 1024 * 1024 * 1024;
const ZExtraSpecs = z.record(z.string(), z.string()).catch({});

/** imageRef / flavorRef may be ids or links; Nova keeps the last path segment. */
export function refId(ref: string): string {
  const trimmed = ref.replace(/\/+$/, "");
  return trimmed.slice(trimmed.lastIndexOf("/") + 1);
}

/** A flavor the caller may boot or resize to (public, or private with access), else 400 as Nova. */
export async function findUsableFlavor(prisma: PrismaClient, caller: Caller, ref: string): Promise<Flavor> {
  const id = refId(ref);
  const flavor = await prisma.flavor.findUnique({ where: { id }, include: { access: true } });
  const visible =
    flavor !== null &&
    !flavor.disabled &&
    (caller.admin || flavor.isPublic || flavor.access.some((a) => a.projectId === caller.projectId));
  if (!flavor || !visible) throw ZenithError.badRequest(`Flavor ${id} could not be found.`);
  return flavor;
}

/** An active image visible to the caller's project, else 400 as Nova. */
export async function findBootImage(prisma: PrismaClient, caller: Caller, ref: string): Promise<Image> {
  const id = refId(ref);
  const viewer = caller.admin
    ? { admin: true as const, projectId: caller.projectId }
    : { admin: false as const, projectId: caller.projectId };
  const image = await prisma.image.findFirst({
    where: { AND: [{ id, deletedAt: null }, visibleWhere(viewer)] },
  });
  if (!image) throw ZenithError.badRequest(`Image ${id} could not be found.`);
  if (image.status !== "active") throw ZenithError.badRequest(`Image ${id} is not active.`);
  return image;
}

/** Nova's checks of image requirements against the flavor (`_validate_flavor_image_nostatus`). */
export function checkImageFitsFlavor(image: Image, flavor: { ramMb: number; diskGb: number }): void {
  if (image.minRam > flavor.ramMb) {
    throw ZenithError.badRequest("Flavor's memory is too small for requested image.");
  }
  // A zero-disk flavor boots at the image's size (Nova allows it for volume-backed and admin cases).
  if (flavor.diskGb === 0) return;
  const flavorBytes = flavor.diskGb * GIB;
  if (image.size !== null && Number(image.size) > flavorBytes) {
    throw ZenithError.badRequest(
      `Flavor's disk is too small for requested image. Flavor disk is ${flavorBytes} bytes, image is ${image.size} bytes.`,
    );
  }
  if (image.minDisk > flavor.diskGb) {
    throw ZenithError.badRequest(
      `Flavor's disk is smaller than the minimum size specified in image metadata. Flavor disk is ${flavorBytes} bytes, minimum size is ${image.minDisk * GIB} bytes.`,
    );
  }
}

/** The copy of the flavor an instance keeps (`Instance.flavor`). */
export function snapshotOf(flavor: Flavor): FlavorSnapshot {
  return {
    id: flavor.id,
    name: flavor.name,
    vcpus: flavor.vcpus,
    ram: flavor.ramMb,
    disk: flavor.diskGb,
    ephemeral: flavor.ephemeralGb,
    swap: flavor.swapMb,
    extra_specs: ZExtraSpecs.parse(flavor.extraSpecs),
  };
}
