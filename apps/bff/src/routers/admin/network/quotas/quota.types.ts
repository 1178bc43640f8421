import { z } from "zod";

/** Neutron's ceiling for a quota limit (a signed 32-bit column upstream). */
const MAX_LIMIT = 2 ** 31 - 1;
const limit = z
  .number({ error: "Enter the limit as a number." })
  .int("Enter the limit as a whole number.")
  .min(-1, "Use -1 for unlimited; other limits cannot be negative.")
  .max(MAX_LIMIT, `At most ${MAX_LIMIT}.`)
  .optional();

/** Network quota limits by resource; -1 is unlimited. */
export const ZNetworkQuotaLimitsSchema = z.object({
  networks: limit,
  subnets: limit,
  ports: limit,
  routers: limit,
  floatingIps: limit,
  securityGroups: limit,
  securityGroupRules: limit,
});
export type TNetworkQuotaLimits = z.infer<typeof ZNetworkQuotaLimitsSchema>;

/** `limit` -1 means unlimited. */
export const ZNetworkUsageSchema = z.object({ used: z.number(), limit: z.number() });
export const ZNetworkQuotaUsageSchema = z.object({
  networks: ZNetworkUsageSchema.optional(),
  subnets: ZNetworkUsageSchema.optional(),
  ports: ZNetworkUsageSchema.optional(),
  routers: ZNetworkUsageSchema.optional(),
  floatingIps: ZNetworkUsageSchema.optional(),
  securityGroups: ZNetworkUsageSchema.optional(),
  securityGroupRules: ZNetworkUsageSchema.optional(),
});
export type TNetworkQuotaUsage = z.infer<typeof ZNetworkQuotaUsageSchema>;
