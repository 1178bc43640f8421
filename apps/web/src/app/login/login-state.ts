import type { FieldErrors } from "@/lib/field-errors";

export interface LoginState {
  error: string | null;
  fields: FieldErrors;
  username: string;
  domain: string;
}

export const INITIAL_LOGIN_STATE: LoginState = { error: null, fields: {}, username: "", domain: "Default" };
