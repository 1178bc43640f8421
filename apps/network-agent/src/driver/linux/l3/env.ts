/**
 * The L3 settings of the network agent's environment (the agent extends its
 * env schema with this shape). The public CIDR must match the control
 * plane's ZENITH_PUBLIC_CIDR: its first address is the outside world's
 * gateway, as the bootstrap's `public-subnet` says.
 */
import { z } from "zod";

export const ZL3Env = z.object({
  /** The flat external network's CIDR; its first address lives on `br-ex` in the outside namespace. */
  ZENITH_PUBLIC_CIDR: z.cidrv4().default("172.24.4.0/24"),
  /** The routed link host ↔ outside world (a /30: the namespace takes the first address, the host the second). */
  ZENITH_OUTSIDE_LINK_CIDR: z.cidrv4().default("172.24.5.0/30"),
  /** The physical network the outside world stands for. */
  ZENITH_OUTSIDE_PHYSNET: z.string().min(1).max(64).default("public"),
  ZENITH_OUTSIDE_NAMESPACE: z.string().min(1).max(64).default("zenith-outside"),
  /**
   * Opt-in, never used by tests: bridge this real interface into the flat
   * external network instead of the contained outside namespace. Floating
   * IPs then answer on that wire: only for a lab network you own.
   */
  ZENITH_EXTERNAL_INTERFACE: z
    .string()
    .regex(/^[A-Za-z0-9_.-]{1,15}$/)
    .optional(),
});
export type L3Env = z.infer<typeof ZL3Env>;
