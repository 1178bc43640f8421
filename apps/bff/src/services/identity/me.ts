import { isOpenStackError } from "@zenith/api-client/http";
import type { KeystoneClient } from "@zenith/api-client/keystone";
import { fieldError, ZenithError } from "@zenith/core/errors";
import { say } from "../../messages.ts";

/**
 * Changes the signed-in user's password. Keystone answers a wrong original
 * password with 401, which must not read as "session expired"; and on
 * success it revokes the user's tokens, so the portal must log in again.
 */
export async function changeOwnPassword(
  keystone: KeystoneClient,
  userId: string,
  input: { originalPassword: string; password: string },
) {
  try {
    await keystone.users.changePassword(userId, input.originalPassword, input.password);
  } catch (err) {
    if (isOpenStackError(err) && err.status === 401) {
      throw ZenithError.badRequest(say("identity.wrongPassword"), [
        fieldError("originalPassword", say("identity.wrongPassword")),
      ]);
    }
    if (isOpenStackError(err) && err.status === 400) {
      throw ZenithError.badRequest(err.message, [{ path: "password", message: err.message }]);
    }
    throw err;
  }
  return { ok: true as const };
}
