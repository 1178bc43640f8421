import { ZenithError } from "@zenith/core/errors";

/** A reading of a service the cloud may not have: null when its catalog entry is missing. */
export async function unlessMissing<T>(read: () => Promise<T>): Promise<T | null> {
  try {
    return await read();
  } catch (err) {
    if (err instanceof ZenithError && err.code === "SERVICE_UNAVAILABLE") return null;
    throw err;
  }
}
