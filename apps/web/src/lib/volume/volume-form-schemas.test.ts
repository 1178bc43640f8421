import { describe, expect, it } from "vitest";
import { validateForm } from "../field-errors";
import { englishVolumeT } from "./test-translator";
import { volumeFormSchemas } from "./volume-form-schemas";

const schemas = volumeFormSchemas(englishVolumeT());
const CreateVolumeFormSchema = schemas.createVolume;
const AttachVolumeFormSchema = schemas.attachVolume;
const extendFormSchema = schemas.extend;

describe("volume forms", () => {
  it("builds the create request from the form, with the source only when chosen", () => {
    const empty = validateForm(CreateVolumeFormSchema, { name: " data ", size: "2", sourceKind: "empty" });
    expect(empty).toEqual({
      ok: true,
      data: {
        name: "data",
        size: 2,
        description: undefined,
        volumeType: undefined,
        availabilityZone: undefined,
        source: { kind: "empty" },
      },
    });
    const image = validateForm(CreateVolumeFormSchema, {
      name: "a",
      size: "1",
      sourceKind: "image",
      sourceId: "img",
    });
    expect(image.ok && image.data.source).toEqual({ kind: "image", id: "img" });
    const missing = validateForm(CreateVolumeFormSchema, { name: "a", size: "1", sourceKind: "snapshot" });
    expect(missing).toEqual({ ok: false, fields: { sourceId: "Choose a snapshot." } });
    expect(validateForm(CreateVolumeFormSchema, { name: "a", size: "0" })).toMatchObject({
      ok: false,
      fields: { size: "At least 1 GiB." },
    });
  });

  it("only lets a volume grow", () => {
    expect(validateForm(extendFormSchema(2), { newSize: "2" })).toEqual({
      ok: false,
      fields: { newSize: "Must be more than 2 GiB." },
    });
    expect(validateForm(extendFormSchema(2), { newSize: "3" })).toEqual({ ok: true, data: { newSize: 3 } });
  });

  it("asks for a volume, or a name and size for a new one", () => {
    expect(validateForm(AttachVolumeFormSchema, { mode: "existing" })).toMatchObject({
      ok: false,
      fields: { volumeId: "Choose a volume." },
    });
    expect(validateForm(AttachVolumeFormSchema, { mode: "new", name: "", size: "x" })).toMatchObject({
      ok: false,
      fields: { name: "Enter a name.", size: "Enter a whole size from 1 to 16384 GiB." },
    });
  });
});
