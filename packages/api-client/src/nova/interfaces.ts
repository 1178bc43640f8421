import {
  type InterfaceAttachment,
  ZInterfaceAttachmentResponse,
  ZInterfaceAttachmentsResponse,
} from "./schemas/interfaces.ts";
import { defined, enc, type NovaTransport } from "./transport.ts";

/** What to plug: a network (Nova makes the port) or an existing port; at most one fixed IP. */
export interface AttachInterfaceInput {
  netId?: string | undefined;
  portId?: string | undefined;
  fixedIp?: string | undefined;
}

/** `/servers/{id}/os-interface`: the server's ports as Nova sees them, hot attach and detach. */
export function interfacesApi(nova: NovaTransport) {
  const base = (id: string) => `servers/${enc(id)}/os-interface`;
  return {
    async list(serverId: string): Promise<InterfaceAttachment[]> {
      const res = await nova.request({ path: base(serverId), schema: ZInterfaceAttachmentsResponse });
      return res.data.interfaceAttachments;
    },
    async attach(serverId: string, input: AttachInterfaceInput): Promise<InterfaceAttachment> {
      const attachment = defined({
        net_id: input.netId,
        port_id: input.portId,
        fixed_ips: input.fixedIp === undefined ? undefined : [{ ip_address: input.fixedIp }],
      });
      const res = await nova.request({
        method: "POST",
        path: base(serverId),
        body: { interfaceAttachment: attachment },
        schema: ZInterfaceAttachmentResponse,
      });
      return res.data.interfaceAttachment;
    },
    /** 202: Nova detaches asynchronously; the port is gone from the list once the host unplugged it. */
    async detach(serverId: string, portId: string): Promise<void> {
      await nova.send({ method: "DELETE", path: `${base(serverId)}/${enc(portId)}` });
    },
  };
}
