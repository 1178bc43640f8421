import { z } from "zod";
import type { VolumeT } from "./volume-status";

/**
 * The volume forms' schemas, their messages in the reader's language
 * (`volume.validation`). Build them once per render, in a useMemo.
 */
export function volumeFormSchemas(t: VolumeT) {
  const atMost255 = t("validation.atMost255");
  const name = z.string().trim().min(1, t("validation.enterName")).max(255, atMost255);
  const size = z.coerce
    .number({ message: t("validation.enterSize") })
    .int(t("validation.wholeGib"))
    .min(1, t("validation.atLeastOneGib"))
    .max(16_384, t("validation.atMostGib"));
  const optionalText = z
    .string()
    .max(255, atMost255)
    .optional()
    .transform((v) => (v ? v : undefined));
  const checkbox = z
    .string()
    .optional()
    .transform((v) => v === "on");

  /** Create volume: the source's id is required unless the volume starts empty. */
  const createVolume = z
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
        ctx.addIssue({
          code: "custom",
          path: ["sourceId"],
          message: t("validation.chooseSource", { kind: v.sourceKind }),
        });
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
  const extend = (currentSize: number) =>
    z.object({
      newSize: size.refine((n) => n > currentSize, t("validation.moreThan", { size: currentSize })),
    });

  const editVolume = z.object({
    name,
    description: z.string().max(255, atMost255).default(""),
    bootable: checkbox,
    readonly: checkbox,
  });

  const snapshot = z.object({ name, description: optionalText });
  const uploadImage = z.object({
    imageName: name,
    diskFormat: z.enum(["raw", "qcow2"]).default("raw"),
  });
  const transfer = z.object({ name });
  const acceptTransfer = z.object({
    id: z.string().trim().min(1, t("validation.enterTransferId")).max(255),
    authKey: z.string().trim().min(1, t("validation.enterAuthKey")).max(255),
  });
  const attachVolume = z
    .object({
      mode: z.enum(["existing", "new"]).default("existing"),
      volumeId: z.string().optional(),
      name: z.string().trim().max(255).optional(),
      size: z.string().optional(),
    })
    .superRefine((v, ctx) => {
      if (v.mode === "existing" && !v.volumeId) {
        ctx.addIssue({ code: "custom", path: ["volumeId"], message: t("validation.chooseVolume") });
      }
      if (v.mode === "new") {
        if (!v.name) ctx.addIssue({ code: "custom", path: ["name"], message: t("validation.enterName") });
        const n = Number(v.size);
        if (!Number.isInteger(n) || n < 1 || n > 16_384) {
          ctx.addIssue({ code: "custom", path: ["size"], message: t("validation.wholeSize") });
        }
      }
    });

  return { createVolume, extend, editVolume, snapshot, uploadImage, transfer, acceptTransfer, attachVolume };
}
