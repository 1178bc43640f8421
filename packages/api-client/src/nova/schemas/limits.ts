import { z } from "zod";
import { ZLinks } from "./common.ts";

/** `GET /limits`: absolute limits and usage; keys vary by release, so all are optional. */
export const ZAbsoluteLimits = z.object({
  maxTotalInstances: z.number().optional(),
  maxTotalCores: z.number().optional(),
  maxTotalRAMSize: z.number().optional(),
  maxTotalKeypairs: z.number().optional(),
  maxServerMeta: z.number().optional(),
  maxServerGroups: z.number().optional(),
  maxServerGroupMembers: z.number().optional(),
  totalInstancesUsed: z.number().optional(),
  totalCoresUsed: z.number().optional(),
  totalRAMUsed: z.number().optional(),
  totalServerGroupsUsed: z.number().optional(),
});
export type AbsoluteLimits = z.infer<typeof ZAbsoluteLimits>;
export const ZLimitsResponse = z.object({
  limits: z.object({ absolute: ZAbsoluteLimits, rate: z.array(z.unknown()).optional() }),
});

/**
 * Quota sets: numbers keyed by resource (-1 is unlimited), plus the project
 * `id`. Resources differ between releases, so every numeric key is kept and
 * anything else dropped.
 */
export const ZQuotaSet = z.record(z.string(), z.unknown()).transform((raw) => {
  const limits: Record<string, number> = {};
  for (const [key, value] of Object.entries(raw)) if (typeof value === "number") limits[key] = value;
  return limits;
});
export type QuotaSet = z.infer<typeof ZQuotaSet>;
export const ZQuotaSetResponse = z.object({ quota_set: ZQuotaSet });

export const ZQuotaDetail = z.object({
  in_use: z.number(),
  limit: z.number(),
  reserved: z.number().default(0),
});
export type QuotaDetail = z.infer<typeof ZQuotaDetail>;
export const ZQuotaSetDetail = z.record(z.string(), z.unknown()).transform((raw) => {
  const details: Record<string, QuotaDetail> = {};
  for (const [key, value] of Object.entries(raw)) {
    const parsed = ZQuotaDetail.safeParse(value);
    if (parsed.success) details[key] = parsed.data;
  }
  return details;
});
export const ZQuotaSetDetailResponse = z.object({ quota_set: ZQuotaSetDetail });

export const ZServerUsage = z.object({
  instance_id: z.string(),
  name: z.string(),
  flavor: z.string().nullish(),
  hours: z.number(),
  vcpus: z.number(),
  memory_mb: z.number(),
  local_gb: z.number(),
  started_at: z.string(),
  ended_at: z.string().nullish(),
  state: z.string(),
  tenant_id: z.string(),
  uptime: z.number().optional(),
});
export type ServerUsage = z.infer<typeof ZServerUsage>;

export const ZTenantUsage = z.object({
  tenant_id: z.string().optional(),
  start: z.string().optional(),
  stop: z.string().optional(),
  total_hours: z.number().optional(),
  total_local_gb_usage: z.number().optional(),
  total_memory_mb_usage: z.number().optional(),
  total_vcpus_usage: z.number().optional(),
  server_usages: z.array(ZServerUsage).optional(),
});
export type TenantUsage = z.infer<typeof ZTenantUsage>;
/** A project with no usage in the window answers `{"tenant_usage": {}}`. */
export const ZTenantUsageResponse = z.object({
  tenant_usage: ZTenantUsage,
  tenant_usage_links: ZLinks.optional(),
});
export const ZTenantUsagesResponse = z.object({
  tenant_usages: z.array(ZTenantUsage),
  tenant_usages_links: ZLinks.optional(),
});

/** `os-quota-class-sets/default`: the defaults every project without its own limits gets. */
export const ZQuotaClassSetResponse = z.object({ quota_class_set: ZQuotaSet });
