import { Address4, Address6 } from "ip-address";
import type { useTranslations } from "next-intl";
import { z } from "zod";

/** The Interfaces tab's form rules, without React (tested on their own). */

/** The validation messages, in the reader's language (`compute.interfaces.validation`). */
export type InterfaceValidationT = ReturnType<typeof useTranslations<"compute.interfaces.validation">>;

export interface SubnetRef {
  cidr: string;
  ipVersion: number;
}

function parse(address: string): Address4 | Address6 | null {
  if (Address4.isValid(address)) return new Address4(address);
  if (Address6.isValid(address)) return new Address6(address);
  return null;
}

/** Why `ip` cannot be asked for on a network with these subnets, or null (the cloud checks it is free). */
export function fixedIpProblem(
  ip: string,
  subnets: readonly SubnetRef[],
  t: InterfaceValidationT,
): string | null {
  const address = parse(ip);
  if (!address) return t("enterAddress");
  const inside = subnets.some((s) => {
    const v4 = address instanceof Address4;
    if (v4 !== (s.ipVersion === 4)) return false;
    if (v4) return Address4.isValid(s.cidr) && address.isInSubnet(new Address4(s.cidr));
    return Address6.isValid(s.cidr) && address.isInSubnet(new Address6(s.cidr));
  });
  if (!inside) {
    const cidrs = subnets.map((s) => s.cidr).join(", ");
    return cidrs ? t("insideSubnets", { cidrs }) : t("noSubnet");
  }
  return null;
}

export function attachSchema(
  subnetsOf: (networkId: string) => readonly SubnetRef[],
  t: InterfaceValidationT,
) {
  return z
    .object({
      target: z.enum(["network", "port"]),
      networkId: z.string().default(""),
      portId: z.string().default(""),
      fixedIp: z
        .string()
        .trim()
        .max(64, t("atMost", { max: 64 }))
        .default(""),
    })
    .superRefine((v, ctx) => {
      if (v.target === "network" && !v.networkId) {
        ctx.addIssue({ code: "custom", path: ["networkId"], message: t("chooseNetwork") });
      }
      if (v.target === "port" && !v.portId) {
        ctx.addIssue({ code: "custom", path: ["portId"], message: t("choosePort") });
      }
      if (v.target === "network" && v.networkId && v.fixedIp) {
        const problem = fixedIpProblem(v.fixedIp, subnetsOf(v.networkId), t);
        if (problem) ctx.addIssue({ code: "custom", path: ["fixedIp"], message: problem });
      }
    })
    .transform((v) =>
      v.target === "port"
        ? { portId: v.portId }
        : { networkId: v.networkId, ...(v.fixedIp ? { fixedIp: v.fixedIp } : {}) },
    );
}

export const floatingSchema = (t: InterfaceValidationT) =>
  z
    .object({
      source: z.enum(["existing", "allocate"]),
      floatingIpId: z.string().default(""),
      poolNetworkId: z.string().default(""),
      fixedIp: z.string().default(""),
    })
    .superRefine((v, ctx) => {
      if (v.source === "existing" && !v.floatingIpId) {
        ctx.addIssue({ code: "custom", path: ["floatingIpId"], message: t("chooseFloating") });
      }
      if (v.source === "allocate" && !v.poolNetworkId) {
        ctx.addIssue({ code: "custom", path: ["poolNetworkId"], message: t("choosePool") });
      }
    })
    .transform((v) => ({
      ...(v.source === "existing" ? { floatingIpId: v.floatingIpId } : { poolNetworkId: v.poolNetworkId }),
      ...(v.fixedIp ? { fixedIp: v.fixedIp } : {}),
    }));

/** The port's IPv4 addresses: a floating IP maps to one of them. */
export function ipv4Of(fixedIps: readonly { address: string }[]): string[] {
  return fixedIps.map((f) => f.address).filter((a) => Address4.isValid(a));
}

/** Neutron's port status as a badge tone. */
export function portTone(status: string): "success" | "busy" | "danger" | "muted" {
  if (status === "ACTIVE") return "success";
  if (status === "BUILD") return "busy";
  if (status === "ERROR") return "danger";
  return "muted";
}
