import type { Prisma } from "@zenith/db/client";

/** The `fault` JSON kept on an instance, rendered as Nova's server fault. */
export function faultJson(message: string, code = 500): Prisma.InputJsonObject {
  return { code, message, created: new Date().toISOString() };
}
