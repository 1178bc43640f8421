import { isOpenStackError } from "@zenith/api-client/http";

/**
 * A lookup by id that answers nothing, not an error, when the resource is
 * not there or not the caller's (OpenStack answers 404 for both).
 */
export async function byId<T>(get: () => Promise<T>): Promise<T[]> {
  try {
    return [await get()];
  } catch (err) {
    if (isOpenStackError(err) && err.status === 404) return [];
    throw err;
  }
}

/**
 * How many rows one name search reads from an API that has no partial name
 * filter (Glance, Neutron, Cinder, Keystone): one page of this size is
 * filtered here. Beyond it a name search may miss; a UUID never does.
 */
export const SCAN_LIMIT = 1000;

/** Nova's detail rows are heavier; its `name` regex filters upstream, so fewer are needed. */
export const NOVA_SCAN_LIMIT = 200;
