import type { ApplicationCredential, KeystoneClient } from "@zenith/api-client/keystone";
import { ZenithError } from "@zenith/core/errors";
import { say } from "../../messages.ts";
import { type ListQuery, pageOf } from "../paging.ts";

export function toAppCredentialDto(c: ApplicationCredential) {
  return {
    id: c.id,
    name: c.name,
    description: c.description ?? "",
    projectId: c.project_id,
    roles: c.roles.map((r) => ({ id: r.id, name: r.name })),
    expiresAt: c.expires_at ?? null,
    unrestricted: c.unrestricted,
  };
}

/** The signed-in user's own application credentials (Keystone lets users manage only their own). */
export async function listAppCredentials(
  keystone: KeystoneClient,
  userId: string,
  query: ListQuery<"name" | "id" | "projectId" | "expiresAt">,
) {
  const credentials = await keystone.applicationCredentials.list(userId);
  return pageOf(credentials.map(toAppCredentialDto), query, "name");
}

/** Created for the current project (Keystone takes it from the token's scope). */
export async function createAppCredential(
  keystone: KeystoneClient,
  userId: string,
  input: {
    name: string;
    description?: string | undefined;
    secret?: string | undefined;
    expiresAt?: string | undefined;
    roleIds?: string[] | undefined;
    unrestricted?: boolean | undefined;
  },
) {
  const created = await keystone.applicationCredentials.create(userId, {
    name: input.name,
    description: input.description,
    secret: input.secret,
    expires_at: input.expiresAt,
    roles: input.roleIds?.map((id) => ({ id })),
    unrestricted: input.unrestricted,
  });
  if (created.secret === undefined) throw new ZenithError("INTERNAL", say("identity.noCredentialSecret"));
  return { ...toAppCredentialDto(created), secret: created.secret };
}

export async function deleteAppCredential(keystone: KeystoneClient, userId: string, id: string) {
  await keystone.applicationCredentials.delete(userId, id);
  return { ok: true as const };
}
