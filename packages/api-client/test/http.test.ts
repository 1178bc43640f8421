import { describe, expect, it } from "vitest";
import { z } from "zod";
import { createHttpClient, extractErrorMessage, joinUrl, OpenStackError, withQuery } from "../src/http.ts";
import { fakeFetch } from "./fake-fetch.ts";

describe("extractErrorMessage", () => {
  it("reads Keystone's error envelope", () => {
    expect(
      extractErrorMessage({
        error: { code: 404, title: "Not Found", message: "Could not find project: x." },
      }),
    ).toBe("Could not find project: x.");
  });
  it("reads Nova-style fault names", () => {
    expect(
      extractErrorMessage({ itemNotFound: { code: 404, message: "Instance x could not be found." } }),
    ).toBe("Instance x could not be found.");
  });
  it("reads NeutronError", () => {
    expect(
      extractErrorMessage({
        NeutronError: { type: "NetworkNotFound", message: "Network x could not be found.", detail: "" },
      }),
    ).toBe("Network x could not be found.");
  });
  it("reads bare message, description and text bodies", () => {
    expect(extractErrorMessage({ message: "flat" })).toBe("flat");
    expect(extractErrorMessage({ description: "described" })).toBe("described");
    expect(extractErrorMessage("  plain text  ")).toBe("plain text");
    expect(extractErrorMessage(undefined)).toBeUndefined();
    expect(extractErrorMessage({ unrelated: 1 })).toBeUndefined();
  });
});

describe("url helpers", () => {
  it("joins without doubling slashes", () => {
    expect(joinUrl("http://h/identity/v3/", "/projects")).toBe("http://h/identity/v3/projects");
    expect(joinUrl("http://h/identity/v3", "projects")).toBe("http://h/identity/v3/projects");
  });
  it("drops undefined and false query values, writes true as 'true'", () => {
    expect(withQuery("http://h/x", { a: "1", b: undefined, c: false, effective: true })).toBe(
      "http://h/x?a=1&effective=true",
    );
    expect(withQuery("http://h/x", {})).toBe("http://h/x");
  });
});

describe("createHttpClient", () => {
  it("sends the token and JSON, validates the response", async () => {
    const fake = fakeFetch([
      { method: "POST", path: "/v3/things?x=1", body: { thing: { id: "a" } }, status: 201 },
    ]);
    const client = createHttpClient({ baseUrl: "http://h/v3", token: "tok", fetch: fake.fetch });
    const res = await client.request({
      method: "POST",
      path: "things",
      query: { x: 1 },
      body: { thing: { name: "n" } },
      schema: z.object({ thing: z.object({ id: z.string() }) }),
    });
    expect(res.data.thing.id).toBe("a");
    expect(res.status).toBe(201);
    const call = fake.calls[0];
    expect(call?.headers.get("x-auth-token")).toBe("tok");
    expect(call?.headers.get("content-type")).toBe("application/json");
    expect(call?.body).toEqual({ thing: { name: "n" } });
  });

  it("throws OpenStackError with status, message and request id", async () => {
    const fake = fakeFetch([
      {
        path: "/v3/projects/nope",
        status: 404,
        body: { error: { code: 404, title: "Not Found", message: "Could not find project: nope." } },
        headers: { "x-openstack-request-id": "req-123" },
      },
    ]);
    const client = createHttpClient({ baseUrl: "http://h/v3", fetch: fake.fetch });
    const err = await client.send({ path: "projects/nope" }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(OpenStackError);
    expect(err).toMatchObject({
      status: 404,
      message: "Could not find project: nope.",
      requestId: "req-123",
    });
  });

  it("takes the compute request id header too", async () => {
    const fake = fakeFetch([
      {
        path: "/v2.1/servers/x",
        status: 404,
        body: { itemNotFound: { message: "gone" } },
        headers: { "x-compute-request-id": "req-c" },
      },
    ]);
    const client = createHttpClient({ baseUrl: "http://h/v2.1", fetch: fake.fetch });
    await expect(client.send({ path: "servers/x" })).rejects.toMatchObject({
      requestId: "req-c",
      message: "gone",
    });
  });

  it("reports a response that does not match the schema as 502", async () => {
    const fake = fakeFetch([{ path: "/v3/x", body: { wrong: true } }]);
    const client = createHttpClient({ baseUrl: "http://h/v3", fetch: fake.fetch });
    await expect(
      client.request({ path: "x", schema: z.object({ right: z.string() }) }),
    ).rejects.toMatchObject({ status: 502 });
  });

  it("times out as 504", async () => {
    const hang: typeof fetch = (_input, init) =>
      new Promise((_resolve, reject) => {
        init?.signal?.addEventListener("abort", () => reject(init.signal?.reason));
      });
    const client = createHttpClient({ baseUrl: "http://h/v3", fetch: hang, timeoutMs: 20 });
    await expect(client.send({ path: "slow" })).rejects.toMatchObject({ status: 504 });
  });

  it("turns a connection failure into 503", async () => {
    const down: typeof fetch = () => Promise.reject(new TypeError("fetch failed"));
    const client = createHttpClient({ baseUrl: "http://h/v3", fetch: down });
    await expect(client.send({ path: "x" })).rejects.toMatchObject({ status: 503 });
  });
});
