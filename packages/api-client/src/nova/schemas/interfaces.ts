import { z } from "zod";

/** One `interfaceAttachment` of `/servers/{id}/os-interface` (a Neutron port seen from Nova). */
export const ZInterfaceAttachment = z
  .object({
    net_id: z.string(),
    port_id: z.string(),
    mac_addr: z.string(),
    port_state: z.string(),
    fixed_ips: z.array(z.object({ subnet_id: z.string(), ip_address: z.string() })).default([]),
    tag: z.string().nullish(),
  })
  .loose();
export type InterfaceAttachment = z.infer<typeof ZInterfaceAttachment>;

export const ZInterfaceAttachmentsResponse = z.object({
  interfaceAttachments: z.array(ZInterfaceAttachment),
});
export const ZInterfaceAttachmentResponse = z.object({ interfaceAttachment: ZInterfaceAttachment });
