import { Prisma } from "@zenith/db/client";

/** A unique constraint refused the write (two racing creations). */
export function isUniqueViolation(err: unknown): boolean {
  return err instanceof Prisma.PrismaClientKnownRequestError && err.code === "P2002";
}

/** A foreign key refused the write or delete (a row still referenced). */
export function isForeignKeyViolation(err: unknown): boolean {
  return (
    err instanceof Prisma.PrismaClientKnownRequestError && (err.code === "P2003" || err.code === "P2014")
  );
}
