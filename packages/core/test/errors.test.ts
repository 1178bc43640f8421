import { describe, expect, it } from "vitest";
import { z } from "zod";
import { parseEnv } from "../src/env.ts";
import { describeFieldErrors, ERROR_CODES, fieldErrorsFromIssues, ZenithError } from "../src/errors.ts";

describe("ZenithError", () => {
  it("maps each code once to an HTTP status, a fault name and a tRPC code", () => {
    const err = ZenithError.notFound("Could not find project: p1.");
    expect(err.status).toBe(404);
    expect(err.info.fault).toBe("itemNotFound");
    expect(err.info.trpc).toBe("NOT_FOUND");
    for (const info of Object.values(ERROR_CODES)) {
      expect(info.status).toBeGreaterThanOrEqual(400);
    }
  });

  it("names the field in validation messages", () => {
    const result = z.object({ user: z.object({ name: z.string() }) }).safeParse({ user: { name: 3 } });
    expect(result.success).toBe(false);
    const fields = fieldErrorsFromIssues(result.error?.issues ?? []);
    expect(fields[0]?.path).toBe("user.name");
    expect(describeFieldErrors(fields)).toContain("Invalid input for field 'user.name'");
  });
});

describe("parseEnv", () => {
  const schema = z.object({ PORT: z.coerce.number().int().default(5000) });
  it("applies defaults and coerces", () => {
    expect(parseEnv(schema, {}).PORT).toBe(5000);
    expect(parseEnv(schema, { PORT: "81" }).PORT).toBe(81);
  });
  it("fails with the variable's name", () => {
    expect(() => parseEnv(schema, { PORT: "x" })).toThrow(/PORT/);
  });
});
