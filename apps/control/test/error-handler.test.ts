import { ZenithError } from "@zenith/core/errors";
import { createLogger } from "@zenith/core/logger";
import { openDatabase } from "@zenith/db/client";
import Fastify, { type FastifyBaseLogger } from "fastify";
import { describe, expect, it } from "vitest";
import { installErrorHandling, installJsonParser } from "../src/http/error-handler.ts";

function appWithRoutes() {
  const loggerInstance: FastifyBaseLogger = createLogger("test", "silent");
  const app = Fastify({ loggerInstance, genReqId: () => "req-fixed" });
  installJsonParser(app);
  installErrorHandling(app);
  app.get("/boom", async () => {
    throw new Error("database password is hunter2");
  });
  app.get("/conflict", async () => {
    throw new ZenithError("CONFLICT", "Duplicate entry.");
  });
  app.get("/slow-down", async () => {
    throw new ZenithError("TOO_MANY_REQUESTS", "Later.", { headers: { "Retry-After": "7" } });
  });
  app.post("/echo", async (request) => ({ got: request.body ?? null }));
  return app;
}

describe("error rendering", () => {
  it("turns unknown errors into a 500 with the request id and no details", async () => {
    const app = appWithRoutes();
    const res = await app.inject({ method: "GET", url: "/boom" });
    expect(res.statusCode).toBe(500);
    const body = res.json();
    expect(body.error).toMatchObject({ code: 500, title: "Internal Server Error" });
    expect(body.error.message).toContain("req-fixed");
    expect(res.body).not.toContain("hunter2");
  });

  it("renders ZenithErrors with their status, title and headers", async () => {
    const app = appWithRoutes();
    const conflict = await app.inject({ method: "GET", url: "/conflict" });
    expect(conflict.statusCode).toBe(409);
    expect(conflict.json()).toEqual({ error: { code: 409, title: "Conflict", message: "Duplicate entry." } });
    const slow = await app.inject({ method: "GET", url: "/slow-down" });
    expect(slow.statusCode).toBe(429);
    expect(slow.headers["retry-after"]).toBe("7");
  });

  it("treats an empty JSON body as no body and bad JSON as 400", async () => {
    const app = appWithRoutes();
    const empty = await app.inject({
      method: "POST",
      url: "/echo",
      headers: { "content-type": "application/json" },
    });
    expect(empty.json()).toEqual({ got: null });
    const bad = await app.inject({
      method: "POST",
      url: "/echo",
      headers: { "content-type": "application/json" },
      payload: "{",
    });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.message).toBe("Malformed JSON in request body.");
    const wrongType = await app.inject({
      method: "POST",
      url: "/echo",
      headers: { "content-type": "application/xml" },
      payload: "hi",
    });
    expect(wrongType.statusCode).toBe(415);
    expect(wrongType.json().error.code).toBe(415);
  });
});

const pgUrl = process.env.ZENITH_TEST_PG_URL;

describe("a statement cancelled by the statement timeout", () => {
  it.skipIf(!pgUrl)(
    "is a 503 with Retry-After, not a 500 (PostgreSQL only: PGlite cannot cancel a running statement)",
    async () => {
      const db = await openDatabase({ kind: "postgres", url: pgUrl ?? "" }, { statementTimeoutMs: 100 });
      const app = appWithRoutes();
      app.get("/compute/v2.1/slow", async () => db.prisma.$queryRawUnsafe("SELECT pg_sleep(5)"));
      try {
        const res = await app.inject({ method: "GET", url: "/compute/v2.1/slow" });
        expect(res.statusCode).toBe(503);
        expect(res.headers["retry-after"]).toBe("5");
        expect(res.json().serviceUnavailable.message).toMatch(/took too long/);
      } finally {
        await app.close();
        await db.close();
      }
    },
  );
});
