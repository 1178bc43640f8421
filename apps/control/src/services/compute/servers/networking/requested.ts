import { z } from "zod";

/**
 * The interfaces a create asked for, once resolved and checked at the API
 * (kept on the instance until it is placed, when the ports are made):
 * a network (with an optional fixed IP) or an existing port of the
 * project, in the guest's order (eth0 first).
 */
export const ZRequestedNic = z.discriminatedUnion("kind", [
  z.object({ kind: z.literal("network"), networkId: z.string().min(1), fixedIp: z.string().optional() }),
  z.object({ kind: z.literal("port"), portId: z.string().min(1) }),
]);
export type RequestedNic = z.infer<typeof ZRequestedNic>;

export const ZRequestedNetworks = z.object({
  nics: z.array(ZRequestedNic).max(32),
  /** Security group ids for the ports Nova creates. */
  securityGroupIds: z.array(z.string().min(1)).max(64),
});
export type RequestedNetworks = z.infer<typeof ZRequestedNetworks>;

/**
 * `networks` of POST /servers as the API received it: absent (before
 * 2.37: every network of the project, which must be at most one),
 * `auto`, `none`, or a list of `{uuid, fixed_ip}` / `{port}`.
 */
export type NetworksInput =
  | { kind: "unspecified" }
  | { kind: "auto" }
  | { kind: "none" }
  | {
      kind: "list";
      items: Array<{ uuid?: string | undefined; port?: string | undefined; fixedIp?: string | undefined }>;
    };

/** Parses what was stored on the instance (null: nothing was asked). */
export function parseRequestedNetworks(value: unknown): RequestedNetworks | null {
  if (value === null || value === undefined) return null;
  const parsed = ZRequestedNetworks.safeParse(value);
  return parsed.success ? parsed.data : null;
}
