import { z } from "zod";

/** Neutron's ceiling for a quota limit (a signed 32-bit column upstream). */
export const MAX_NETWORK_LIMIT = 2 ** 31 - 1;

export const NETWORK_QUOTA_FIELDS = [
  { name: "networks", label: "Networks" },
  { name: "subnets", label: "Subnets" },
  { name: "ports", label: "Ports" },
  { name: "routers", label: "Routers" },
  { name: "floatingIps", label: "Floating IPs" },
  { name: "securityGroups", label: "Security groups" },
  { name: "securityGroupRules", label: "Security group rules" },
] as const;
export type NetworkQuotaField = (typeof NETWORK_QUOTA_FIELDS)[number]["name"];

const limit = (what: string) =>
  z
    .string()
    .trim()
    .min(1, `Enter the ${what} limit (-1 for unlimited).`)
    .transform(Number)
    .pipe(
      z
        .number({ error: `Enter the ${what} limit as a number.` })
        .int(`Enter the ${what} limit as a whole number.`)
        .min(-1, "Use -1 for unlimited; other limits cannot be negative.")
        .max(MAX_NETWORK_LIMIT, `At most ${MAX_NETWORK_LIMIT}; use -1 for unlimited.`),
    );

/**
 * The form's schema. Every field is optional because a Neutron without an
 * extension omits its resource and the form shows no input for it; a field
 * the form shows is always submitted (an empty one is refused).
 */
export const NetworkQuotaSchema = z.object({
  networks: limit("networks").optional(),
  subnets: limit("subnets").optional(),
  ports: limit("ports").optional(),
  routers: limit("routers").optional(),
  floatingIps: limit("floating IP").optional(),
  securityGroups: limit("security group").optional(),
  securityGroupRules: limit("security group rule").optional(),
});

/** "3 of 10 used", "3 used, unlimited". */
export function usageHint(used: number, limitValue: number): string {
  return limitValue < 0 ? `${used} used, unlimited` : `${used} of ${limitValue} used`;
}
