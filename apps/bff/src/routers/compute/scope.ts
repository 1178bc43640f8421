import type { Scope } from "../../services/compute/list-instances.ts";

/** What compute services need to know about the caller: the token (cache key) and admin rights. */
export function scopeOf(ctx: { session: { keystone: { token: string } }; roles: string[] }): Scope {
  return { token: ctx.session.keystone.token, isAdmin: ctx.roles.includes("admin") };
}
