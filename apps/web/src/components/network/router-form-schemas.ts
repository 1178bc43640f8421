import { z } from "zod";
import type { NetworkValidationT } from "@/lib/network/network-form-schemas";
import { cidrContains, isIpAddress } from "./router-ip";

const checkbox = z
  .string()
  .optional()
  .transform((v) => v === "on");

const optionalId = z
  .string()
  .max(255)
  .optional()
  .transform((v) => v || undefined);

const nameField = (t: NetworkValidationT) =>
  z
    .string()
    .trim()
    .min(1, t("enterName"))
    .max(255, t("atMost", { max: 255 }));
const descriptionField = (t: NetworkValidationT) =>
  z
    .string()
    .trim()
    .max(255, t("atMost", { max: 255 }))
    .optional();

/** The router forms' schemas, built with the reader's language (call once per render, in a useMemo). */
export function routerFormSchemas(t: NetworkValidationT) {
  const createRouter = z.object({
    name: nameField(t),
    description: descriptionField(t).transform((v) => v || undefined),
    externalNetworkId: optionalId,
    adminStateUp: checkbox,
  });

  const editRouter = z.object({
    name: nameField(t),
    description: descriptionField(t).transform((v) => v ?? ""),
    adminStateUp: checkbox,
  });

  const setGateway = z.object({
    externalNetworkId: z.string().min(1, t("chooseExternal")).max(255),
  });
  return { createRouter, editRouter, setGateway };
}

export interface InterfaceSubnetOption {
  id: string;
  cidr: string;
  gatewayFree: boolean;
  blockedReason: string | null;
}

/**
 * The add-interface form: a subnet, and an address when the subnet's
 * gateway is not free (it has none, or another router holds it). A given
 * address must lie in the chosen subnet.
 */
export function addInterfaceFormSchema(t: NetworkValidationT, subnets: readonly InterfaceSubnetOption[]) {
  return z
    .object({
      subnetId: z.string().min(1, t("chooseSubnet")).max(255),
      ipAddress: z
        .string()
        .trim()
        .max(64, t("atMost", { max: 64 }))
        .optional()
        .transform((v) => v || undefined),
    })
    .superRefine((value, ctx) => {
      const subnet = subnets.find((s) => s.id === value.subnetId);
      if (!subnet) {
        if (value.subnetId) ctx.addIssue({ code: "custom", path: ["subnetId"], message: t("chooseSubnet") });
        return;
      }
      if (subnet.blockedReason) {
        ctx.addIssue({ code: "custom", path: ["subnetId"], message: subnet.blockedReason });
        return;
      }
      const ip = value.ipAddress;
      if (ip === undefined) {
        if (!subnet.gatewayFree) {
          ctx.addIssue({
            code: "custom",
            path: ["ipAddress"],
            message: t("gatewayTaken"),
          });
        }
        return;
      }
      if (!isIpAddress(ip)) {
        ctx.addIssue({
          code: "custom",
          path: ["ipAddress"],
          message: t("enterIp", { example: "10.0.0.5" }),
        });
      } else if (!cidrContains(subnet.cidr, ip)) {
        ctx.addIssue({
          code: "custom",
          path: ["ipAddress"],
          message: t("addressInside", { cidr: subnet.cidr }),
        });
      }
    });
}
