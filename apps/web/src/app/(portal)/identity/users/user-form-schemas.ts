import { z } from "zod";

const optionalText = (max: number) =>
  z
    .string()
    .max(max, `At most ${max} characters.`)
    .optional()
    .transform((v) => (v?.trim() ? v.trim() : undefined));

const checkbox = z
  .string()
  .optional()
  .transform((v) => v === "on");

const name = z.string().trim().min(1, "Enter a user name.").max(255, "At most 255 characters.");
const email = z
  .union([z.literal(""), z.email("Enter a valid email address.")])
  .optional()
  .transform((v) => v || undefined);

export const PasswordPairSchema = z
  .object({
    password: z.string().min(1, "Enter a password.").max(4096),
    confirmPassword: z.string(),
  })
  .refine((v) => v.password === v.confirmPassword, {
    message: "The passwords do not match.",
    path: ["confirmPassword"],
  });

export const CreateUserFormSchema = z
  .object({
    name,
    email,
    description: optionalText(255),
    password: z.string().min(1, "Enter a password.").max(4096),
    confirmPassword: z.string(),
    projectId: optionalText(255),
    roleId: optionalText(255),
    enabled: checkbox,
  })
  .refine((v) => v.password === v.confirmPassword, {
    message: "The passwords do not match.",
    path: ["confirmPassword"],
  })
  .refine((v) => !v.roleId || v.projectId, {
    message: "Choose the project the role is granted on.",
    path: ["projectId"],
  });

export const EditUserFormSchema = z.object({
  name,
  email: z.union([z.literal(""), z.email("Enter a valid email address.")]),
  description: z.string().max(255, "At most 255 characters."),
  defaultProjectId: z
    .string()
    .optional()
    .transform((v) => v || null),
  enabled: checkbox,
});
