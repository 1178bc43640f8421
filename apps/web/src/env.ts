import "server-only";
import { z } from "zod";

const EnvSchema = z.object({
  // The session cookie's key: the same 32-byte floor as the BFF and the control plane's secrets.
  AUTH_SECRET: z.string().refine((v) => new TextEncoder().encode(v).length >= 32, {
    // i18n-ignore: a startup error for the operator in the server log, never shown in the portal.
    message: "AUTH_SECRET must be at least 32 bytes (generate one with: openssl rand -base64 32)",
  }),
  ZENITH_KEYSTONE_URL: z.url().default("http://localhost:5000/identity/v3"),
  ZENITH_BFF_URL: z.url().default("http://127.0.0.1:3001"),
  /** The control plane's portal secret (`<data>/portal-secret`): lets logins name the browser's address. */
  ZENITH_PORTAL_SECRET: z.string().min(43).optional(),
  /** Set by `npm start` when no QEMU host runs: every instance is simulated by the fake driver. */
  ZENITH_SIMULATED_COMPUTE: z
    .enum(["true", "false"])
    .default("false")
    .transform((v) => v === "true"),
  /** Why they are simulated: chosen (ZENITH_COMPUTE_DRIVER=fake), no-qemu, or no-image (zenith-tiny did not build). */
  ZENITH_SIMULATED_REASON: z.enum(["chosen", "no-qemu", "no-image"]).default("no-qemu"),
  /** Set by `npm start` when the network agents run the fake driver although guests could be real. */
  ZENITH_SIMULATED_NETWORK: z
    .enum(["true", "false"])
    .default("false")
    .transform((v) => v === "true"),
  /** Why: chosen (ZENITH_NETWORK_DRIVER=fake) or no-privilege (no root / CAP_NET_ADMIN, or the tools are missing). */
  ZENITH_SIMULATED_NETWORK_REASON: z.enum(["chosen", "no-privilege"]).default("no-privilege"),
});

export type WebEnv = z.infer<typeof EnvSchema>;

let cached: WebEnv | undefined;

/**
 * The portal's server-side environment, parsed once on first use (not at
 * import, so `next build` runs without secrets).
 */
export function env(): WebEnv {
  if (cached) return cached;
  const result = EnvSchema.safeParse(process.env);
  if (!result.success) {
    const detail = result.error.issues.map((i) => `${i.path.join(".")}: ${i.message}`).join("; ");
    throw new Error(`Invalid environment: ${detail}`);
  }
  cached = result.data;
  return cached;
}
