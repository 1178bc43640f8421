import { describe, expect, it } from "vitest";
import { z } from "zod";
import { keyedFieldErrors } from "../src/zod-fields.ts";

const schema = z
  .object({
    name: z.string().min(1).max(64),
    size: z.number().int().positive().max(16_384),
    vcpus: z.number().int(),
    kind: z.enum(["a", "b"]),
    id: z.string().uuid(),
    tags: z.array(z.string()).max(2),
    note: z.string().refine((v) => v !== "x", "No x here"),
  })
  .strict();

/** Input that passes `schema`; each case spreads it and spoils a field or two. */
const valid = {
  name: "n",
  size: 1,
  vcpus: 1,
  kind: "a",
  id: "8c6f7a38-3b3c-4f43-9f7e-0d0c7b7f7a10",
  tags: [],
  note: "",
};

function errorsOf(input: unknown) {
  const result = schema.safeParse(input);
  if (result.success) throw new Error("expected a failure");
  return keyedFieldErrors(result.error.issues);
}

describe("keyedFieldErrors", () => {
  it("has a valid input to start from", () => {
    expect(schema.safeParse(valid).success).toBe(true);
  });

  it("words each zod issue with a key the portal translates, and plain params", () => {
    const errors = errorsOf({
      name: "",
      size: 0,
      vcpus: 1.5,
      kind: "c",
      id: "nope",
      tags: ["1", "2", "3"],
      note: "x",
      colour: "red",
    });
    const byPath = Object.fromEntries(errors.map((e) => [e.path, e]));
    expect(byPath.name).toEqual({
      path: "name",
      message: "Must not be empty",
      key: "field.tooShort",
      params: { minimum: 1 },
    });
    expect(byPath.size).toMatchObject({
      key: "field.notAbove",
      params: { minimum: 0 },
      message: "Must be more than 0",
    });
    expect(byPath.vcpus).toMatchObject({ key: "field.notInteger", message: "Must be a whole number" });
    expect(byPath.kind).toMatchObject({ key: "field.notAllowed" });
    expect(byPath.id).toMatchObject({
      key: "field.invalidFormat",
      params: { format: "uuid" },
      message: "Not a valid uuid",
    });
    expect(byPath.tags).toMatchObject({ key: "field.tooMany", params: { maximum: 2 } });
    // A refinement's own message stays as written, without a key.
    expect(byPath.note).toEqual({ path: "note", message: "No x here" });
    expect(byPath[""]).toMatchObject({ key: "field.unknownKeys", params: { keys: "colour" } });
  });

  it("says a missing field is required, and a wrong type is wrong", () => {
    const { name: _name, ...withoutName } = valid;
    const missing = errorsOf(withoutName);
    expect(missing.find((e) => e.path === "name")).toMatchObject({
      key: "field.required",
      message: "Required",
    });
    const wrong = errorsOf({ ...valid, name: 5 });
    expect(wrong.find((e) => e.path === "name")).toMatchObject({ key: "field.wrongType" });
  });

  it("names the upper bounds of strings and numbers", () => {
    const errors = errorsOf({ ...valid, name: "n".repeat(65), size: 20_000 });
    expect(errors.find((e) => e.path === "name")).toMatchObject({
      key: "field.tooLong",
      message: "Must be at most 64 characters",
    });
    expect(errors.find((e) => e.path === "size")).toMatchObject({
      key: "field.tooLarge",
      message: "Must be at most 16384",
    });
  });
});
