import "server-only";
import { findEndpoint } from "@zenith/api-client/catalog";
import { createKeystoneClient } from "@zenith/api-client/keystone";
import { env } from "@/env";

/**
 * The Glance endpoint of the token's catalog (public interface), without a
 * trailing slash or version: "http://host/image". Undefined when the cloud
 * offers no image service.
 */
export async function imageEndpointFor(token: string): Promise<string | undefined> {
  const keystone = createKeystoneClient({ authUrl: env().ZENITH_KEYSTONE_URL, token });
  const catalog = await keystone.getCatalog();
  const url = findEndpoint(catalog, { type: "image" });
  if (!url) return undefined;
  // Catalogs list Glance unversioned (or with /v2); the file path adds /v2 itself.
  return url.replace(/\/+$/, "").replace(/\/v2(\.\d+)?$/, "");
}
