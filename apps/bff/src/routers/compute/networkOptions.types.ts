import { z } from "zod";
import { ZUsageSchema } from "./quota.types.ts";

/** Networks, free ports and security groups an instance of the project can use (launch, attach). */
export const ZNetworkOptionsSchema = z.object({
  networks: z.array(
    z.object({
      id: z.string(),
      name: z.string(),
      shared: z.boolean(),
      external: z.boolean(),
      status: z.string(),
      subnets: z.array(
        z.object({ id: z.string(), name: z.string(), cidr: z.string(), ipVersion: z.number() }),
      ),
    }),
  ),
  ports: z.array(
    z.object({
      id: z.string(),
      name: z.string(),
      networkId: z.string(),
      networkName: z.string(),
      macAddress: z.string(),
      fixedIps: z.array(z.string()),
    }),
  ),
  securityGroups: z.array(z.object({ id: z.string(), name: z.string(), description: z.string() })),
  /** `limit` -1 means unlimited; null when the cloud does not report port usage. */
  portQuota: ZUsageSchema.nullable(),
});
export type TNetworkOptions = z.infer<typeof ZNetworkOptionsSchema>;
