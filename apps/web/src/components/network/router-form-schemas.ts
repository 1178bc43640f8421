import { z } from "zod";
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

const name = z.string().trim().min(1, "Enter a name.").max(255, "At most 255 characters.");
const description = z.string().trim().max(255, "At most 255 characters.").optional();

export const CreateRouterFormSchema = z.object({
  name,
  description: description.transform((v) => v || undefined),
  externalNetworkId: optionalId,
  adminStateUp: checkbox,
});

export const EditRouterFormSchema = z.object({
  name,
  description: description.transform((v) => v ?? ""),
  adminStateUp: checkbox,
});

export const SetGatewayFormSchema = z.object({
  externalNetworkId: z.string().min(1, "Choose an external network.").max(255),
});

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
export function addInterfaceFormSchema(subnets: readonly InterfaceSubnetOption[]) {
  return z
    .object({
      subnetId: z.string().min(1, "Choose a subnet.").max(255),
      ipAddress: z
        .string()
        .trim()
        .max(64, "At most 64 characters.")
        .optional()
        .transform((v) => v || undefined),
    })
    .superRefine((value, ctx) => {
      const subnet = subnets.find((s) => s.id === value.subnetId);
      if (!subnet) {
        if (value.subnetId) ctx.addIssue({ code: "custom", path: ["subnetId"], message: "Choose a subnet." });
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
            message: "This subnet's gateway is taken or missing: enter a free address in it.",
          });
        }
        return;
      }
      if (!isIpAddress(ip)) {
        ctx.addIssue({
          code: "custom",
          path: ["ipAddress"],
          message: "Enter an IP address, such as 10.0.0.5.",
        });
      } else if (!cidrContains(subnet.cidr, ip)) {
        ctx.addIssue({
          code: "custom",
          path: ["ipAddress"],
          message: `Enter an address inside ${subnet.cidr}.`,
        });
      }
    });
}
