export { createNovaClient, type NovaClient } from "./client.ts";
export type { FlavorInput } from "./flavors.ts";
export type { AttachInterfaceInput } from "./interfaces.ts";
export {
  chooseMicroversion,
  forgetMicroversions,
  negotiateMicroversion,
  versionRootOf,
  WANTED_MICROVERSION,
} from "./microversion.ts";
export * from "./schemas/common.ts";
export * from "./schemas/flavors.ts";
export * from "./schemas/hosts.ts";
export * from "./schemas/interfaces.ts";
export * from "./schemas/keypairs.ts";
export * from "./schemas/limits.ts";
export * from "./schemas/servers.ts";
export * from "./schemas/volume-attachments.ts";
export type { BlockDeviceMapping, CreateServerInput, Paged, ServerListFilter } from "./servers.ts";
export type { NovaClientOptions } from "./transport.ts";
