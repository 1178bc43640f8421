import { ZenithError } from "@zenith/core/errors";
import type { z } from "zod";
import type { NetworksInput } from "../../../services/compute/servers/networking/requested.ts";
import { atLeast, type Microversion } from "../microversion.ts";
import type { ZServerCreate } from "./schemas.ts";

type NetworksBody = z.infer<typeof ZServerCreate>["server"]["networks"];

/**
 * `networks` of POST /servers by microversion, as Nova's schemas: before
 * 2.37 a list or nothing (nothing: the project's network, if only one);
 * from 2.37 required, a list or `auto` / `none`.
 */
export function networksInput(networks: NetworksBody, mv: Microversion): NetworksInput {
  const v237 = atLeast(mv, 2, 37);
  if (networks === undefined) {
    if (v237)
      throw ZenithError.badRequest(
        "Invalid input for field/attribute server. 'networks' is a required property",
      );
    return { kind: "unspecified" };
  }
  if (typeof networks === "string") {
    if (!v237) {
      throw ZenithError.badRequest(
        `Invalid input for field/attribute networks. Value: ${networks}. '${networks}' is not of type 'array'`,
      );
    }
    return { kind: networks };
  }
  if (networks.length === 0) return { kind: "unspecified" };
  return {
    kind: "list",
    items: networks.map((n) => ({ uuid: n.uuid, port: n.port ?? undefined, fixedIp: n.fixed_ip })),
  };
}
