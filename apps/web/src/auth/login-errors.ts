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

const MESSAGES: Record<string, string> = {
  [LOGIN_ERROR_CODES.invalid]: "Invalid username or password.",
  [LOGIN_ERROR_CODES.throttled]: "Too many failed attempts. Try again later.",
};

export const LOGIN_UNAVAILABLE_MESSAGE =
  "The identity service did not answer. Check that it is running, then try again.";

export function loginErrorMessage(code: string | undefined): string {
  return (code && MESSAGES[code]) ?? "Invalid username or password.";
}
