import type { ServerServices } from "../../../services/compute/servers/registry.ts";
import type { ServerAttachments } from "./render.ts";

/** Interfaces and volumes of the servers to render, two batched reads whatever their number. */
export async function attachmentsOf(
  servers: ServerServices,
  ids: readonly string[],
): Promise<Map<string, ServerAttachments>> {
  const [interfaces, volumes] = await Promise.all([
    servers.network.interfaces([...ids]),
    servers.volumesAttached(ids),
  ]);
  return new Map(ids.map((id) => [id, { interfaces: interfaces.get(id), volumes: volumes.get(id) }]));
}
