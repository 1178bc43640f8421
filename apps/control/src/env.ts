import { parseEnv, secretEnv } from "@zenith/core/env";
import { z } from "zod";
import { publicCidrProblem } from "./services/network/l3/public-cidr.ts";

const optionalString = z
  .string()
  .optional()
  .transform((v) => (v === undefined || v === "" ? undefined : v));

/** The control plane's environment (see docs/architecture.md); parsed once in main.ts. */
export const controlEnvSchema = z.object({
  ZENITH_DATA_DIR: z.string().min(1).default("./.zenith"),
  DATABASE_URL: optionalString,
  ZENITH_CONTROL_HOST: z.string().min(1).default("127.0.0.1"),
  ZENITH_CONTROL_PORT: z.coerce.number().int().min(0).max(65535).default(5000),
  ZENITH_PUBLIC_URL: optionalString.pipe(z.url().optional()),
  ZENITH_REGION: z.string().min(1).default("RegionOne"),
  ZENITH_TOKEN_TTL: z.coerce.number().int().positive().default(3600),
  ZENITH_ADMIN_PASSWORD: optionalString,
  /** The cloud-admin project (Keystone's admin_project_name / admin_project_domain_name). */
  ZENITH_ADMIN_PROJECT_NAME: z.string().min(1).default("admin"),
  ZENITH_ADMIN_PROJECT_DOMAIN_NAME: z.string().min(1).default("Default"),
  ZENITH_DEMO_PASSWORD: optionalString,
  /** The portal's shared secret (≥ 43 characters, 32 bytes); generated into `<data>/portal-secret` when unset. */
  ZENITH_PORTAL_SECRET: optionalString.pipe(z.string().min(43).optional()),
  /** Deprecated shared secret of all compute agents; unset by default (hosts enrol with join tokens). */
  ZENITH_AGENT_TOKEN: optionalString.pipe(secretEnv("ZENITH_AGENT_TOKEN").optional()),
  /** Bearer token a Prometheus server presents to GET /metrics (≥ 32 bytes); unset: only cloud admins' tokens. */
  ZENITH_METRICS_SCRAPE_TOKEN: optionalString.pipe(secretEnv("ZENITH_METRICS_SCRAPE_TOKEN").optional()),
  /** A built zenith-tiny (scripts/tiny-image/build.sh) to register; npm start sets it when QEMU is present. */
  ZENITH_TINY_IMAGE_DIR: optionalString,
  /** Seed the fake-driver image `zenith-starter` on first start. */
  ZENITH_SEED_STARTER_IMAGE: z.enum(["true", "false"]).default("true"),
  /** Nova's vif_plugging_timeout: seconds a spawned server waits for its ports to be wired (0: no wait). */
  ZENITH_VIF_PLUG_TIMEOUT: z.coerce.number().int().min(0).max(3600).default(300),
  /** The portal's URL: its origin (and loopback twin) may open console WebSockets. */
  ZENITH_PORTAL_URL: optionalString.pipe(z.url().optional()),
  /** The portal's port when ZENITH_PORTAL_URL is unset (npm start's PORT). */
  PORT: z.coerce.number().int().min(1).max(65535).default(3000),
  /** Comma-separated browser origins allowed to open consoles; replaces the portal default. */
  ZENITH_CONSOLE_ORIGINS: optionalString,
  /** VXLAN network identifiers for tenant networks that name none, `min:max` (Neutron's vni_ranges). */
  ZENITH_VXLAN_VNI_RANGE: z
    .string()
    .regex(/^\d{1,8}:\d{1,8}$/, "must be min:max, e.g. 1:65535")
    .transform((v) => {
      const [min, max] = v.split(":").map(Number);
      return { min: min ?? 1, max: max ?? 65_535 };
    })
    .refine((r) => r.min >= 1 && r.max <= 16_777_215 && r.min <= r.max, "must lie within 1:16777215")
    .default({ min: 1, max: 65_535 }),
  /** The external network `public`'s IPv4 subnet, created on first start (DevStack's default). */
  ZENITH_PUBLIC_CIDR: z
    .string()
    .default("172.24.4.0/24")
    .refine((v) => publicCidrProblem(v) === null, {
      message: "must be an IPv4 CIDR of /8 to /29, e.g. 172.24.4.0/24",
    }),
  LOG_LEVEL: z.enum(["fatal", "error", "warn", "info", "debug", "trace", "silent"]).default("info"),
});

export type ControlEnv = z.infer<typeof controlEnvSchema>;

export function readControlEnv(source: Record<string, string | undefined> = process.env): ControlEnv {
  return parseEnv(controlEnvSchema, source);
}
