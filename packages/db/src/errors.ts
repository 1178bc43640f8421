/** PostgreSQL's SQLSTATE for a statement cancelled by `statement_timeout`. */
const QUERY_CANCELED = "57014";

/**
 * True when a database error is a statement cancelled by the statement
 * timeout. Prisma wraps driver errors (`meta.driverAdapterError.cause.code`
 * through adapter-pg; `code` on a raw `pg` error), so the chain is searched.
 */
export function isStatementTimeout(err: unknown): boolean {
  const pending: unknown[] = [err];
  for (let seen = 0; pending.length > 0 && seen < 16; seen++) {
    const value = pending.pop();
    if (!value || typeof value !== "object") continue;
    const record = value as Record<string, unknown>;
    if (record.code === QUERY_CANCELED || record.originalCode === QUERY_CANCELED) return true;
    for (const key of ["meta", "driverAdapterError", "cause"]) pending.push(record[key]);
  }
  return false;
}
