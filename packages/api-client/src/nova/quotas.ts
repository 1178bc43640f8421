import { markerOf, nextLink } from "./schemas/common.ts";
import {
  type AbsoluteLimits,
  type QuotaSet,
  type TenantUsage,
  ZLimitsResponse,
  ZQuotaClassSetResponse,
  ZQuotaSetDetailResponse,
  ZQuotaSetResponse,
  ZTenantUsageResponse,
  ZTenantUsagesResponse,
} from "./schemas/limits.ts";
import { enc, type NovaTransport } from "./transport.ts";

/** Nova's usage API wants naive UTC timestamps (`2024-01-01T00:00:00`). */
function usageTime(d: Date): string {
  return d
    .toISOString()
    .replace(/Z$/, "")
    .replace(/\.\d+$/, "");
}

export function quotasApi(nova: NovaTransport) {
  return {
    /** `GET /limits`: the caller's project limits and usage (admins may pass `tenant_id`). */
    async limits(projectId?: string): Promise<AbsoluteLimits> {
      const res = await nova.request({
        path: "limits",
        query: { tenant_id: projectId },
        schema: ZLimitsResponse,
      });
      return res.data.limits.absolute;
    },
    async get(projectId: string): Promise<QuotaSet> {
      const res = await nova.request({ path: `os-quota-sets/${enc(projectId)}`, schema: ZQuotaSetResponse });
      return res.data.quota_set;
    },
    /** Limits with `in_use` and `reserved` per resource. */
    async detail(projectId: string) {
      const res = await nova.request({
        path: `os-quota-sets/${enc(projectId)}/detail`,
        schema: ZQuotaSetDetailResponse,
      });
      return res.data.quota_set;
    },
    async defaults(projectId: string): Promise<QuotaSet> {
      const res = await nova.request({
        path: `os-quota-sets/${enc(projectId)}/defaults`,
        schema: ZQuotaSetResponse,
      });
      return res.data.quota_set;
    },
    async update(projectId: string, limits: Record<string, number>): Promise<QuotaSet> {
      const res = await nova.request({
        method: "PUT",
        path: `os-quota-sets/${enc(projectId)}`,
        body: { quota_set: limits },
        schema: ZQuotaSetResponse,
      });
      return res.data.quota_set;
    },
    /** Default quotas are the `default` quota class (`os-quota-class-sets/default`). */
    async updateDefaults(limits: Record<string, number>): Promise<QuotaSet> {
      const res = await nova.request({
        method: "PUT",
        path: "os-quota-class-sets/default",
        body: { quota_class_set: limits },
        schema: ZQuotaClassSetResponse,
      });
      return res.data.quota_class_set;
    },
    /** `os-simple-tenant-usage/{project}` for a window, every page of server usages merged. */
    async usage(projectId: string, start: Date, end: Date): Promise<TenantUsage> {
      const merged: TenantUsage = { server_usages: [] };
      let marker: string | undefined;
      for (let guard = 0; guard < 1000; guard++) {
        const res = await nova.request({
          path: `os-simple-tenant-usage/${enc(projectId)}`,
          query: { start: usageTime(start), end: usageTime(end), marker },
          schema: ZTenantUsageResponse,
        });
        const page = res.data.tenant_usage;
        Object.assign(merged, page, {
          server_usages: [...(merged.server_usages ?? []), ...(page.server_usages ?? [])],
        });
        const next = markerOf(nextLink(res.data.tenant_usage_links));
        if (!next || next === marker || (page.server_usages ?? []).length === 0) break;
        marker = next;
      }
      return merged;
    },
    /**
     * Usage of every project (admin), every page merged: from 2.40 Nova pages
     * over instances, so one project's usage may span pages and its totals
     * are the sum of its parts.
     */
    async usageAll(start: Date, end: Date, detailed = false): Promise<TenantUsage[]> {
      const byTenant = new Map<string, TenantUsage>();
      let marker: string | undefined;
      for (let guard = 0; guard < 1000; guard++) {
        const res = await nova.request({
          path: "os-simple-tenant-usage",
          query: { start: usageTime(start), end: usageTime(end), detailed: detailed ? 1 : undefined, marker },
          schema: ZTenantUsagesResponse,
        });
        for (const page of res.data.tenant_usages) {
          const key = page.tenant_id ?? "";
          const seen = byTenant.get(key);
          byTenant.set(key, seen ? mergeUsage(seen, page) : page);
        }
        const next = markerOf(nextLink(res.data.tenant_usages_links));
        if (!next || next === marker || res.data.tenant_usages.length === 0) break;
        marker = next;
      }
      return [...byTenant.values()];
    },
  };
}

const add = (a: number | undefined, b: number | undefined) =>
  a === undefined && b === undefined ? undefined : (a ?? 0) + (b ?? 0);

/** One project's usage from two pages. */
function mergeUsage(a: TenantUsage, b: TenantUsage): TenantUsage {
  return {
    ...a,
    total_hours: add(a.total_hours, b.total_hours),
    total_local_gb_usage: add(a.total_local_gb_usage, b.total_local_gb_usage),
    total_memory_mb_usage: add(a.total_memory_mb_usage, b.total_memory_mb_usage),
    total_vcpus_usage: add(a.total_vcpus_usage, b.total_vcpus_usage),
    server_usages:
      a.server_usages || b.server_usages
        ? [...(a.server_usages ?? []), ...(b.server_usages ?? [])]
        : undefined,
  };
}
