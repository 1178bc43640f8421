import type { useTranslations } from "next-intl";
import { z } from "zod";
import { type Formatter, formatMb } from "@/i18n/format";
import { isUnlimited } from "@/lib/compute/quota-limits";
import type { NicChoice } from "./network-selection";

/** The steps in order; each one's name is `compute.launch.steps.<id>`. */
export const LAUNCH_STEPS = [
  { id: "details" },
  { id: "source" },
  { id: "flavor" },
  { id: "networks" },
  { id: "keyPair" },
  { id: "configuration" },
  { id: "review" },
] as const;

/** The wizard's translators: the flavor reasons (`compute.launch.blocked`) and the validation messages. */
export type LaunchBlockedT = ReturnType<typeof useTranslations<"compute.launch.blocked">>;
export type LaunchValidationT = ReturnType<typeof useTranslations<"compute.launch.validation">>;

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
  t: LaunchBlockedT,
  format: Formatter,
): string | null {
  if (flavor.disabledReason) return flavor.disabledReason;
  if (image) {
    if (flavor.disk > 0 && flavor.disk < image.minDisk) return t("imageNeedsDisk", { size: image.minDisk });
    if (flavor.disk > 0 && image.size !== null && image.size > flavor.disk * GIB) {
      return t("imageNeedsDisk", { size: Math.ceil(image.size / GIB) });
    }
    if (flavor.ram < image.minRam) return t("imageNeedsRam", { ram: formatMb(format, image.minRam) });
  }
  if (quota) {
    const n = Math.max(1, count);
    const cores = remaining(quota.cores);
    if (flavor.vcpus * n > cores) return t("needsVcpus", { needed: flavor.vcpus * n, left: cores });
    const ram = remaining(quota.ram);
    if (flavor.ram * n > ram)
      return t("needsRam", { needed: formatMb(format, flavor.ram * n), left: formatMb(format, ram) });
  }
  return null;
}

const metadataSchema = (t: LaunchValidationT) =>
  z
    .array(z.object({ key: z.string(), value: z.string() }))
    .superRefine((rows, ctx) => {
      const seen = new Set<string>();
      rows.forEach((row, index) => {
        const key = row.key.trim();
        if (!key && !row.value) return;
        if (!key) ctx.addIssue({ code: "custom", path: [index, "key"], message: t("enterKey") });
        else if (key.length > 255)
          ctx.addIssue({ code: "custom", path: [index, "key"], message: t("atMost", { max: 255 }) });
        else if (seen.has(key)) ctx.addIssue({ code: "custom", path: [index, "key"], message: t("keyUsed") });
        if (row.value.length > 255)
          ctx.addIssue({ code: "custom", path: [index, "value"], message: t("atMost", { max: 255 }) });
        seen.add(key);
      });
    })
    .transform((rows) => {
      const entries = rows.filter((r) => r.key.trim()).map((r) => [r.key.trim(), r.value] as const);
      return entries.length > 0 ? Object.fromEntries(entries) : undefined;
    });

const optional = (v: string) => v.trim() || undefined;

export function launchSchema(maxCount: number, t: LaunchValidationT) {
  return z
    .object({
      name: z
        .string()
        .trim()
        .min(1, t("enterName"))
        .max(255, t("atMost", { max: 255 }))
        .regex(/^[^/\\]*$/, t("noSlashes")),
      count: z.coerce
        .number({ error: t("enterCount") })
        .int(t("wholeNumber"))
        .min(1, t("atLeastOne"))
        .max(
          Math.max(1, Math.min(50, maxCount)),
          maxCount < 1 ? t("quotaUsedUp") : t("atMostCount", { max: Math.min(50, maxCount), left: maxCount }),
        ),
      availabilityZone: z.string().transform(optional),
      imageId: z.string().min(1, t("chooseImage")),
      flavorId: z.string().min(1, t("chooseFlavor")),
      keyName: z.string().transform(optional),
      userData: z
        .string()
        .max(65_535, t("userDataLimit"))
        .transform((v) => (v.trim() ? v : undefined)),
      metadata: metadataSchema(t),
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
          message: t("volumeSize"),
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
