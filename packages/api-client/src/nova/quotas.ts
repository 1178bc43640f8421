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
    /** Usage of every project (admin), one page. */
    async usageAll(start: Date, end: Date, detailed = false): Promise<TenantUsage[]> {
      const res = await nova.request({
        path: "os-simple-tenant-usage",
        query: { start: usageTime(start), end: usageTime(end), detailed: detailed ? 1 : undefined },
        schema: ZTenantUsagesResponse,
      });
      return res.data.tenant_usages;
    },
  };
}
