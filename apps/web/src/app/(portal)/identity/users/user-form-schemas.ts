import type { useTranslations } from "next-intl";
import { z } from "zod";

/** The validation messages, in the reader's language (`identity.validation`). */
export type ValidationT = ReturnType<typeof useTranslations<"identity.validation">>;

const checkbox = z
  .string()
  .optional()
  .transform((v) => v === "on");

/** The users' form schemas, built with the reader's language (call once per render, in a useMemo). */
export function userFormSchemas(t: ValidationT) {
  const atMost = (max: number) => t("atMost", { max });
  const optionalText = (max: number) =>
    z
      .string()
      .max(max, atMost(max))
      .optional()
      .transform((v) => (v?.trim() ? v.trim() : undefined));
  const name = z.string().trim().min(1, t("enterUserName")).max(255, atMost(255));
  const email = z
    .union([z.literal(""), z.email(t("validEmail"))])
    .optional()
    .transform((v) => v || undefined);

  const passwordPair = z
    .object({
      password: z.string().min(1, t("enterPassword")).max(4096),
      confirmPassword: z.string(),
    })
    .refine((v) => v.password === v.confirmPassword, { message: t("mismatch"), path: ["confirmPassword"] });

  const createUser = z
    .object({
      name,
      email,
      description: optionalText(255),
      password: z.string().min(1, t("enterPassword")).max(4096),
      confirmPassword: z.string(),
      projectId: optionalText(255),
      roleId: optionalText(255),
      enabled: checkbox,
    })
    .refine((v) => v.password === v.confirmPassword, { message: t("mismatch"), path: ["confirmPassword"] })
    .refine((v) => !v.roleId || v.projectId, { message: t("chooseProject"), path: ["projectId"] });

  const editUser = z.object({
    name,
    email: z.union([z.literal(""), z.email(t("validEmail"))]),
    description: z.string().max(255, atMost(255)),
    defaultProjectId: z
      .string()
      .optional()
      .transform((v) => v || null),
    enabled: checkbox,
  });

  return { passwordPair, createUser, editUser };
}
