import type { useTranslations } from "next-intl";
import { z } from "zod";

/** The quota pages' messages in the reader's language (`admin.quotas`). */
export type QuotasT = ReturnType<typeof useTranslations<"admin.quotas">>;

/** Neutron's ceiling for a quota limit (a signed 32-bit column upstream). */
export const MAX_NETWORK_LIMIT = 2 ** 31 - 1;

/** The fields the form may show; each label is `admin.quotas.fields.<name>`. */
export const NETWORK_QUOTA_FIELDS = [
  "networks",
  "subnets",
  "ports",
  "routers",
  "floatingIps",
  "securityGroups",
  "securityGroupRules",
] as const;

export type NetworkQuotaField = (typeof NETWORK_QUOTA_FIELDS)[number];
type LimitField = NetworkQuotaField | "instances" | "cores" | "ram" | "keyPairs";

/** One quota limit: a whole number, -1 for unlimited, at most `max` where the service has a ceiling. */
export function quotaLimit(t: QuotasT, field: LimitField, max?: number) {
  const what = t(`what.${field}`);
  const number = z
    .number({ error: t("validation.number", { what }) })
    .int(t("validation.whole", { what }))
    .min(-1, t("validation.notNegative"));
  return z
    .string()
    .trim()
    .min(1, t("validation.enter", { what }))
    .transform(Number)
    .pipe(max === undefined ? number : number.max(max, t("validation.atMost", { max: String(max) })));
}

/**
 * The form's schema, in the reader's language. Every field is optional
 * because a Neutron without an extension omits its resource and the form
 * shows no input for it; a field the form shows is always submitted (an
 * empty one is refused).
 */
export function networkQuotaSchema(t: QuotasT) {
  const limit = (field: NetworkQuotaField) => quotaLimit(t, field, MAX_NETWORK_LIMIT).optional();
  return z.object({
    networks: limit("networks"),
    subnets: limit("subnets"),
    ports: limit("ports"),
    routers: limit("routers"),
    floatingIps: limit("floatingIps"),
    securityGroups: limit("securityGroups"),
    securityGroupRules: limit("securityGroupRules"),
  });
}

/** "3 of 10 used", "3 used, unlimited". */
export function usageHint(t: QuotasT, used: number, limitValue: number): string {
  return limitValue < 0 ? t("usedUnlimited", { used }) : t("usedOf", { used, limit: limitValue });
}
