import { Address4 } from "ip-address";
import { z } from "zod";
import type { StatusTone } from "@/lib/compute/instance-status";

/** Floating IP states as Neutron reports them: DOWN until the router has applied the NAT. */
export function floatingIpTone(status: string): StatusTone {
  if (status === "ACTIVE") return "success";
  if (status === "ERROR") return "danger";
  return "muted";
}

export function floatingIpStatusLabel(status: string, associated: boolean): string {
  if (status === "DOWN" && associated) return "Pending";
  if (status === "DOWN") return "Unassociated";
  return status.charAt(0) + status.slice(1).toLowerCase();
}

export interface TargetPort {
  id: string;
  networkName: string;
  macAddress: string;
  fixedIps: { address: string; floatingIp: string | null }[];
}
export interface Target {
  id: string;
  name: string;
  ports: TargetPort[];
}

/**
 * What the associate dialog offers once an instance (and maybe a port) is
 * chosen: the instance's ports, the chosen port (the only one, or the
 * picked one), and its addresses. The port list shows only when there are
 * several; the address list only when the port has several.
 */
export function associateChoices(targets: readonly Target[], instanceId: string, portId: string) {
  const instance = targets.find((t) => t.id === instanceId);
  const ports = instance?.ports ?? [];
  const port = ports.length === 1 ? ports[0] : ports.find((p) => p.id === portId);
  const addresses = port?.fixedIps ?? [];
  return {
    instance,
    ports,
    port,
    choosePort: ports.length > 1,
    addresses,
    chooseAddress: addresses.length > 1,
  };
}

/** "private: 10.0.0.5 (fa:16:3e:…)" — how a port reads in the picker. */
export function portLabel(port: TargetPort): string {
  const ips = port.fixedIps.map((ip) => ip.address).join(", ");
  return `${port.networkName}: ${ips || "no IPv4 address"} (${port.macAddress})`;
}

export const AllocateFormSchema = z.object({
  poolId: z.string().min(1, "Choose the external network to allocate from.").max(255),
  description: z
    .string()
    .trim()
    .max(255, "Use at most 255 characters.")
    .transform((v) => v || undefined),
});

export const AssociateFormSchema = z.object({
  instanceId: z.string().min(1, "Choose an instance.").max(255),
  portId: z.string().min(1, "Choose one of the instance's ports.").max(255),
  fixedIp: z
    .string()
    .max(64)
    .optional()
    .transform((v) => v || undefined)
    .refine((v) => v === undefined || Address4.isValid(v), "Choose one of the port's IPv4 addresses."),
});
