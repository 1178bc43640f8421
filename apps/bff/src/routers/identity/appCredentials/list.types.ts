import type { z } from "zod";
import { zListInput, zPage } from "../../list.types.ts";
import { ZAppCredentialSchema } from "./appCredential.types.ts";

export const APP_CREDENTIAL_SORT_KEYS = ["name", "id", "projectId", "expiresAt"] as const;
export const ZListAppCredentialsRequestSchema = zListInput(APP_CREDENTIAL_SORT_KEYS);
export type TListAppCredentialsRequest = z.infer<typeof ZListAppCredentialsRequestSchema>;
export const ZListAppCredentialsResponseSchema = zPage(ZAppCredentialSchema);
export type TListAppCredentialsResponse = z.infer<typeof ZListAppCredentialsResponseSchema>;
