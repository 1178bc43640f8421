import { z } from "zod";
import { formatMb, isUnlimited } from "@/lib/compute/format";
import type { NicChoice } from "./network-selection";

export const LAUNCH_STEPS = [
  { id: "details", label: "Details" },
  { id: "source", label: "Source" },
  { id: "flavor", label: "Flavor" },
  { id: "networks", label: "Networks" },
  { id: "keyPair", label: "Key pair" },
  { id: "configuration", label: "Configuration" },
  { id: "review", label: "Review" },
] as const;

export type LaunchStepId = (typeof LAUNCH_STEPS)[number]["id"];

export interface MetadataRow {
  id: number;
  key: string;
  value: string;
}

/** What the wizard's inputs hold (strings, as typed). */
export interface LaunchDraft {
  name: string;
  count: string;
  availabilityZone: string;
  imageId: string;
  flavorId: string;
  keyName: string;
  userData: string;
  metadata: MetadataRow[];
  /** Interfaces in order (networks or existing ports). */
  networks: NicChoice[];
  /** Launch with `networks: "none"` (attach interfaces later). */
  withoutNetwork: boolean;
  securityGroupIds: string[];
  /** Boot from the image itself, or from a new volume made from it. */
  bootSource: "image" | "volume";
  /** GiB of the new boot volume, as typed. */
  volumeSize: string;
  deleteOnTermination: boolean;
}

/** Which step shows each field, to jump to the first error. */
export const FIELD_STEP: Record<string, LaunchStepId> = {
  name: "details",
  count: "details",
  availabilityZone: "details",
  imageId: "source",
  volumeSize: "source",
  flavorId: "flavor",
  networks: "networks",
  securityGroupIds: "networks",
  keyName: "keyPair",
  userData: "configuration",
  metadata: "configuration",
};

export function stepOfField(path: string): LaunchStepId {
  return FIELD_STEP[path.split(".")[0] ?? ""] ?? "review";
}

interface Used {
  used: number;
  limit: number;
}

export interface LaunchQuota {
  instances: Used;
  cores: Used;
  ram: Used;
}

export interface SourceImage {
  minDisk: number;
  minRam: number;
  size: number | null;
}

export interface FlavorChoice {
  vcpus: number;
  ram: number;
  disk: number;
  disabledReason?: string;
}

export function remaining(quota: Used): number {
  return isUnlimited(quota.limit) ? Number.POSITIVE_INFINITY : Math.max(0, quota.limit - quota.used);
}

const GIB = 1024 ** 3;

/**
 * Why a flavor cannot launch `count` instances of `image`, or null. The BFF
 * already says so for quota at count 1; the image minimums and the count
 * are known only here.
 */
export function flavorBlockedReason(
  flavor: FlavorChoice,
  image: SourceImage | undefined,
  quota: LaunchQuota | undefined,
  count: number,
): string | null {
  if (flavor.disabledReason) return flavor.disabledReason;
  if (image) {
    if (flavor.disk > 0 && flavor.disk < image.minDisk) return `Image needs ${image.minDisk} GB disk`;
    if (flavor.disk > 0 && image.size !== null && image.size > flavor.disk * GIB) {
      return `Image needs ${Math.ceil(image.size / GIB)} GB disk`;
    }
    if (flavor.ram < image.minRam) return `Image needs ${formatMb(image.minRam)} RAM`;
  }
  if (quota) {
    const n = Math.max(1, count);
    const cores = remaining(quota.cores);
    if (flavor.vcpus * n > cores) return `Needs ${flavor.vcpus * n} vCPUs; ${cores} left in the quota`;
    const ram = remaining(quota.ram);
    if (flavor.ram * n > ram)
      return `Needs ${formatMb(flavor.ram * n)} RAM; ${formatMb(ram)} left in the quota`;
  }
  return null;
}

const metadataSchema = z
  .array(z.object({ key: z.string(), value: z.string() }))
  .superRefine((rows, ctx) => {
    const seen = new Set<string>();
    rows.forEach((row, index) => {
      const key = row.key.trim();
      if (!key && !row.value) return;
      if (!key) ctx.addIssue({ code: "custom", path: [index, "key"], message: "Enter a key." });
      else if (key.length > 255)
        ctx.addIssue({ code: "custom", path: [index, "key"], message: "At most 255 characters." });
      else if (seen.has(key))
        ctx.addIssue({ code: "custom", path: [index, "key"], message: "This key is already used." });
      if (row.value.length > 255)
        ctx.addIssue({ code: "custom", path: [index, "value"], message: "At most 255 characters." });
      seen.add(key);
    });
  })
  .transform((rows) => {
    const entries = rows.filter((r) => r.key.trim()).map((r) => [r.key.trim(), r.value] as const);
    return entries.length > 0 ? Object.fromEntries(entries) : undefined;
  });

const optional = (v: string) => v.trim() || undefined;

export function launchSchema(maxCount: number) {
  return z
    .object({
      name: z
        .string()
        .trim()
        .min(1, "Enter a name for the instance.")
        .max(255, "At most 255 characters.")
        .regex(/^[^/\\]*$/, "A name cannot contain slashes."),
      count: z.coerce
        .number({ error: "Enter how many instances to launch." })
        .int("Enter a whole number.")
        .min(1, "Launch at least 1 instance.")
        .max(
          Math.max(1, Math.min(50, maxCount)),
          maxCount < 1
            ? "The instance quota is used up."
            : `At most ${Math.min(50, maxCount)} (the instance quota allows ${maxCount} more).`,
        ),
      availabilityZone: z.string().transform(optional),
      imageId: z.string().min(1, "Choose an image or snapshot to boot from."),
      flavorId: z.string().min(1, "Choose a flavor."),
      keyName: z.string().transform(optional),
      userData: z
        .string()
        .max(65_535, "User data is limited to 64 KB.")
        .transform((v) => (v.trim() ? v : undefined)),
      metadata: metadataSchema,
      bootSource: z.enum(["image", "volume"]).default("image"),
      volumeSize: z.string().default(""),
      deleteOnTermination: z.boolean().default(true),
    })
    .superRefine((v, ctx) => {
      if (v.bootSource !== "volume") return;
      const size = Number(v.volumeSize);
      if (!Number.isInteger(size) || size < 1 || size > 16_384) {
        ctx.addIssue({
          code: "custom",
          path: ["volumeSize"],
          message: "Enter a whole size from 1 to 16384 GiB.",
        });
      }
    })
    .transform(({ bootSource, volumeSize, deleteOnTermination, ...rest }) => ({
      ...rest,
      ...(bootSource === "volume" ? { bootVolume: { sizeGb: Number(volumeSize), deleteOnTermination } } : {}),
    }));
}

export type LaunchInput = z.output<ReturnType<typeof launchSchema>>;

/** The fields each step validates before moving on. */
export const STEP_FIELDS: Record<LaunchStepId, readonly (keyof LaunchDraft)[]> = {
  details: ["name", "count", "availabilityZone"],
  source: ["imageId", "volumeSize"],
  flavor: ["flavorId"],
  networks: ["networks", "securityGroupIds"],
  keyPair: ["keyName"],
  configuration: ["userData", "metadata"],
  review: [],
};
