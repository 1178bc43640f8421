import type { Logger } from "@zenith/core/logger";
import type { Prisma, PrismaClient } from "@zenith/db/client";
import type { NetworkQuotas } from "./quotas.ts";

export type Tx = Prisma.TransactionClient;

/** Settings of the Network API. */
export interface NetworkConfig {
  /** VXLAN network identifiers handed to tenant networks that name none (ml2_type_vxlan vni_ranges). */
  vniRange: { min: number; max: number };
}

export const DEFAULT_NETWORK_CONFIG: NetworkConfig = { vniRange: { min: 1, max: 65_535 } };

/** What every network service gets. */
export interface NetworkDeps {
  prisma: PrismaClient;
  logger: Logger;
  quotas: NetworkQuotas;
  config: NetworkConfig;
}

/** Interactive transactions of the Network API: IPAM may wait on a racing insert. */
export const TX_OPTIONS = { timeout: 30_000, maxWait: 30_000 } as const;
