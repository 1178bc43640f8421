import { z } from "zod";

const domainRef = z.object({ id: z.string().min(1).optional(), name: z.string().min(1).optional() });

const userRef = z.object({
  id: z.string().min(1).optional(),
  name: z.string().min(1).optional(),
  domain: domainRef.optional(),
});

/** The body of POST /v3/auth/tokens, as keystoneauth sends it. */
export const ZAuthRequestSchema = z.object({
  auth: z.object({
    identity: z.object({
      methods: z.array(z.string().min(1)).min(1),
      password: z.object({ user: userRef.extend({ password: z.string().max(4096) }) }).optional(),
      token: z.object({ id: z.string().min(1).optional() }).optional(),
      application_credential: z
        .object({
          id: z.string().min(1).optional(),
          name: z.string().min(1).optional(),
          secret: z.string().max(4096),
          user: userRef.optional(),
        })
        .optional(),
    }),
    scope: z
      .union([
        z.literal("unscoped"),
        z.object({
          project: z
            .object({
              id: z.string().min(1).optional(),
              name: z.string().min(1).optional(),
              domain: domainRef.optional(),
            })
            .optional(),
          domain: domainRef.optional(),
          system: z.object({ all: z.boolean().optional() }).optional(),
        }),
      ])
      .optional(),
  }),
});

export const ZTokenQuerySchema = z.object({
  nocatalog: z
    .string()
    .optional()
    .transform((v) => v !== undefined && !["false", "0"].includes(v.toLowerCase())),
  allow_expired: z.string().optional(),
});
