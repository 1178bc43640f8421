import { CredentialsSignin } from "next-auth";

/** Codes put on the CredentialsSignin errors thrown by `authorize`. */
export const LOGIN_ERROR_CODES = {
  invalid: "invalid_credentials",
  throttled: "throttled",
} as const;

export class InvalidCredentialsError extends CredentialsSignin {
  override code = LOGIN_ERROR_CODES.invalid;
}

export class LoginThrottledError extends CredentialsSignin {
  override code = LOGIN_ERROR_CODES.throttled;
}

/** The `login.errors.*` message of a sign-in error code (the text is translated where it is shown). */
export function loginErrorKey(code: string | undefined): "invalid" | "throttled" {
  return code === LOGIN_ERROR_CODES.throttled ? "throttled" : "invalid";
}
