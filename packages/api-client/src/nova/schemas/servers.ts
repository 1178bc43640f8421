import { z } from "zod";
import { ZLinks, ZStringMap } from "./common.ts";

export const ZServerAddress = z.object({
  addr: z.string(),
  version: z.number(),
  "OS-EXT-IPS:type": z.string().optional(),
  "OS-EXT-IPS-MAC:mac_addr": z.string().optional(),
});

/**
 * Before 2.47 the server names its flavor by id (`{id, links}`); from 2.47
 * it embeds a copy (`original_name`, sizes, extra specs) and has no id.
 */
export const ZServerFlavor = z.object({
  id: z.string().optional(),
  original_name: z.string().optional(),
  vcpus: z.number().optional(),
  ram: z.number().optional(),
  disk: z.number().optional(),
  ephemeral: z.number().optional(),
  swap: z.number().optional(),
  extra_specs: ZStringMap.optional(),
});
export type ServerFlavor = z.infer<typeof ZServerFlavor>;

/** A server booted from a volume has `"image": ""`. */
export const ZServerImage = z.union([z.object({ id: z.string() }), z.literal("")]);

export const ZFault = z.object({
  code: z.number(),
  message: z.string(),
  created: z.string().optional(),
  details: z.string().optional(),
});

export const ZServer = z.object({
  id: z.string(),
  name: z.string(),
  status: z.string(),
  tenant_id: z.string(),
  user_id: z.string(),
  created: z.string(),
  updated: z.string(),
  addresses: z.record(z.string(), z.array(ZServerAddress)).default({}),
  flavor: ZServerFlavor,
  image: ZServerImage,
  key_name: z.string().nullish(),
  metadata: ZStringMap.default({}),
  hostId: z.string().nullish(),
  description: z.string().nullish(),
  locked: z.boolean().optional(),
  locked_reason: z.string().nullish(),
  progress: z.number().nullish(),
  fault: ZFault.optional(),
  tags: z.array(z.string()).optional(),
  "OS-EXT-STS:vm_state": z.string().nullish(),
  "OS-EXT-STS:task_state": z.string().nullish(),
  "OS-EXT-STS:power_state": z.number().nullish(),
  "OS-EXT-AZ:availability_zone": z.string().nullish(),
  /** Admin only. */
  "OS-EXT-SRV-ATTR:host": z.string().nullish(),
  "OS-EXT-SRV-ATTR:hypervisor_hostname": z.string().nullish(),
  "OS-SRV-USG:launched_at": z.string().nullish(),
  "OS-SRV-USG:terminated_at": z.string().nullish(),
  /** Attached volume ids (`delete_on_termination` from 2.3). */
  "os-extended-volumes:volumes_attached": z
    .array(z.object({ id: z.string(), delete_on_termination: z.boolean().optional() }))
    .optional(),
  links: ZLinks.optional(),
});
export type Server = z.infer<typeof ZServer>;

export const ZServerResponse = z.object({ server: ZServer });
export const ZServersDetailResponse = z.object({
  servers: z.array(ZServer),
  servers_links: ZLinks.optional(),
});

export const ZServerSummary = z.object({ id: z.string(), name: z.string(), links: ZLinks.optional() });
export type ServerSummary = z.infer<typeof ZServerSummary>;
export const ZServersResponse = z.object({
  servers: z.array(ZServerSummary),
  servers_links: ZLinks.optional(),
});

/** `POST /servers`: the first server, or only a reservation id with `return_reservation_id`. */
export const ZCreateServerResponse = z.union([
  z.object({
    server: z.object({
      id: z.string(),
      adminPass: z.string().optional(),
      links: ZLinks.optional(),
    }),
  }),
  z.object({ reservation_id: z.string() }),
]);
export type CreateServerResponse = z.infer<typeof ZCreateServerResponse>;

export const ZConsoleOutputResponse = z.object({ output: z.string() });
/** `POST /servers/{id}/remote-consoles` (2.6+). */
export const ZRemoteConsoleResponse = z.object({
  remote_console: z.object({ protocol: z.string(), type: z.string(), url: z.string() }),
});
export type RemoteConsole = z.infer<typeof ZRemoteConsoleResponse>["remote_console"];
/** `createImage` answers with a body from 2.45; earlier only with a Location header. */
export const ZCreateImageResponse = z.object({ image_id: z.string() });

export const ZInstanceActionEvent = z.object({
  event: z.string(),
  result: z.string().nullish(),
  start_time: z.string().nullish(),
  finish_time: z.string().nullish(),
  traceback: z.string().nullish(),
  host: z.string().nullish(),
  hostId: z.string().nullish(),
});

export const ZInstanceAction = z.object({
  action: z.string(),
  instance_uuid: z.string(),
  message: z.string().nullish(),
  project_id: z.string().nullish(),
  request_id: z.string(),
  start_time: z.string(),
  updated_at: z.string().nullish(),
  user_id: z.string().nullish(),
  events: z.array(ZInstanceActionEvent).optional(),
});
export type InstanceAction = z.infer<typeof ZInstanceAction>;
export const ZInstanceActionsResponse = z.object({
  instanceActions: z.array(ZInstanceAction),
  links: ZLinks.optional(),
});
export const ZInstanceActionResponse = z.object({ instanceAction: ZInstanceAction });
