import { z } from "zod";

const name = z.string().trim().min(1, "Enter a name.").max(255, "At most 255 characters.");
const size = z.coerce
  .number({ message: "Enter a size in GiB." })
  .int("Whole GiB only.")
  .min(1, "At least 1 GiB.")
  .max(16_384, "At most 16384 GiB.");
const optionalText = z
  .string()
  .max(255, "At most 255 characters.")
  .optional()
  .transform((v) => (v ? v : undefined));

/** Create volume: the source's id is required unless the volume starts empty. */
export const CreateVolumeFormSchema = z
  .object({
    name,
    description: optionalText,
    size,
    sourceKind: z.enum(["empty", "image", "snapshot", "volume"]).default("empty"),
    sourceId: z.string().optional(),
    volumeType: optionalText,
    availabilityZone: optionalText,
  })
  .superRefine((v, ctx) => {
    if (v.sourceKind !== "empty" && !v.sourceId) {
      ctx.addIssue({ code: "custom", path: ["sourceId"], message: `Choose a ${v.sourceKind}.` });
    }
  })
  .transform((v) => ({
    name: v.name,
    description: v.description,
    size: v.size,
    volumeType: v.volumeType,
    availabilityZone: v.availabilityZone,
    source:
      v.sourceKind === "empty" || !v.sourceId
        ? ({ kind: "empty" } as const)
        : { kind: v.sourceKind, id: v.sourceId },
  }));

/** The new size must grow the volume. */
export function extendFormSchema(currentSize: number) {
  return z.object({
    newSize: size.refine((n) => n > currentSize, `Must be more than ${currentSize} GiB.`),
  });
}

export const EditVolumeFormSchema = z.object({
  name,
  description: z.string().max(255, "At most 255 characters.").default(""),
  bootable: z
    .string()
    .optional()
    .transform((v) => v === "on"),
  readonly: z
    .string()
    .optional()
    .transform((v) => v === "on"),
});

export const SnapshotFormSchema = z.object({ name, description: optionalText });
export const UploadImageFormSchema = z.object({
  imageName: name,
  diskFormat: z.enum(["raw", "qcow2"]).default("raw"),
});
export const TransferFormSchema = z.object({ name });
export const AcceptTransferFormSchema = z.object({
  id: z.string().trim().min(1, "Enter the transfer ID.").max(255),
  authKey: z.string().trim().min(1, "Enter the authorization key.").max(255),
});
export const AttachVolumeFormSchema = z
  .object({
    mode: z.enum(["existing", "new"]).default("existing"),
    volumeId: z.string().optional(),
    name: z.string().trim().max(255).optional(),
    size: z.string().optional(),
  })
  .superRefine((v, ctx) => {
    if (v.mode === "existing" && !v.volumeId) {
      ctx.addIssue({ code: "custom", path: ["volumeId"], message: "Choose a volume." });
    }
    if (v.mode === "new") {
      if (!v.name) ctx.addIssue({ code: "custom", path: ["name"], message: "Enter a name." });
      const n = Number(v.size);
      if (!Number.isInteger(n) || n < 1 || n > 16_384) {
        ctx.addIssue({ code: "custom", path: ["size"], message: "Enter a whole size from 1 to 16384 GiB." });
      }
    }
  });
