import { fetchRequestHandler } from "@trpc/server/adapters/fetch";
import { fieldError, ZenithError } from "@zenith/core/errors";
import { describe, expect, it } from "vitest";
import type { Context } from "../src/context.ts";
import { say } from "../src/messages.ts";
import { publicProcedure, router } from "../src/trpc.ts";
import { silentLog } from "./helpers.ts";

/** Procedures that fail as services do: a keyed BFF message, a cloud's own words, a crash. */
const testRouter = router({
  keyed: publicProcedure.query(() => {
    throw new ZenithError("BAD_REQUEST", say("volume.sizeTooSmall", { size: 10 }), {
      fields: [fieldError("newSize", say("volume.newSizeMin", { size: 10 })), fieldError("name", "Taken")],
    });
  }),
  upstream: publicProcedure.query(() => {
    throw new ZenithError("CONFLICT", "Quota exceeded for volumes");
  }),
  crash: publicProcedure.query(() => {
    throw new Error("secret internals");
  }),
});

async function errorOf(path: string) {
  const res = await fetchRequestHandler({
    endpoint: "/api/trpc",
    req: new Request(`http://bff/api/trpc/${path}`),
    router: testRouter,
    createContext: () =>
      ({
        requestId: "req-7",
        log: silentLog,
        config: { keystoneUrl: "http://keystone", authSecret: "s" },
        session: null,
        setCookie: () => undefined,
      }) satisfies Context,
  });
  const body = (await res.json()) as {
    error: { message: string; data: Record<string, unknown> & { fields: unknown[] } };
  };
  return body.error;
}

describe("the tRPC error formatter", () => {
  it("sends a BFF message's key and params beside its English, and each field's", async () => {
    const error = await errorOf("keyed");
    expect(error.message).toBe("The new size must be larger than 10 GiB.");
    expect(error.data.messageKey).toBe("volume.sizeTooSmall");
    expect(error.data.messageParams).toEqual({ size: 10 });
    expect(error.data.fields).toEqual([
      {
        path: "newSize",
        message: "Must be more than 10 GiB.",
        key: "volume.newSizeMin",
        params: { size: 10 },
      },
      { path: "name", message: "Taken" },
    ]);
  });

  it("sends no key for a message the BFF did not write", async () => {
    const error = await errorOf("upstream");
    expect(error.message).toBe("Quota exceeded for volumes");
    expect(error.data.zenithCode).toBe("CONFLICT");
    expect(error.data).not.toHaveProperty("messageKey");
  });

  it("keys the unexpected error with its request id", async () => {
    const error = await errorOf("crash");
    expect(error.message).toBe("An unexpected error occurred (request id req-7).");
    expect(error.data.messageKey).toBe("cloud.unexpected");
    expect(error.data.messageParams).toEqual({ requestId: "req-7" });
    expect(JSON.stringify(error)).not.toContain("secret internals");
  });
});
