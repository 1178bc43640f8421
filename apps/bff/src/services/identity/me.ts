import { isOpenStackError } from "@zenith/api-client/http";
import type { KeystoneClient } from "@zenith/api-client/keystone";
import { ZenithError } from "@zenith/core/errors";

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
      throw ZenithError.badRequest("The current password is incorrect.", [
        { path: "originalPassword", message: "The current password is incorrect." },
      ]);
    }
    if (isOpenStackError(err) && err.status === 400) {
      throw ZenithError.badRequest(err.message, [{ path: "password", message: err.message }]);
    }
    throw err;
  }
  return { ok: true as const };
}
