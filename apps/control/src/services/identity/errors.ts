import { ZenithError } from "@zenith/core/errors";
import { Prisma } from "@zenith/db/client";

/** The one message for every failed login, whether or not the user exists. */
export const AUTH_REQUIRED = "The request you have made requires authentication.";

export function unauthorized(message = AUTH_REQUIRED): ZenithError {
  return new ZenithError("UNAUTHORIZED", message);
}

/** Keystone's wording: "Could not find project: 1234." */
export function notFound(kind: string, id: string): ZenithError {
  return new ZenithError("NOT_FOUND", `Could not find ${kind}: ${id}.`);
}

export function conflict(kind: string, detail: string): ZenithError {
  return new ZenithError("CONFLICT", `Conflict occurred attempting to store ${kind} - ${detail}.`);
}

/** Turns a unique-constraint violation into 409, so races still answer cleanly. */
export async function storeOrConflict<T>(kind: string, detail: string, op: () => Promise<T>): Promise<T> {
  try {
    return await op();
  } catch (err) {
    if (err instanceof Prisma.PrismaClientKnownRequestError && err.code === "P2002") {
      throw conflict(kind, detail);
    }
    throw err;
  }
}
