import { readFileSync } from "node:fs";
import { Readable } from "node:stream";
import { describe, expect, it } from "vitest";
import {
  createGlanceClient,
  customProperties,
  glanceV2Url,
  ZImage,
  ZImagesResponse,
} from "../src/glance/index.ts";
import { fakeFetch } from "./fake-fetch.ts";

const SAMPLES = "/work/shared/reference/glance/v2/samples";
const sample = (name: string): unknown => JSON.parse(readFileSync(`${SAMPLES}/${name}`, "utf8"));

describe("Glance schemas", () => {
  it.each(["images-list-response.json"])("parses %s", (name) => {
    expect(ZImagesResponse.safeParse(sample(name)).success).toBe(true);
  });
  it.each(["image-show-response.json", "image-create-response.json", "image-update-response.json"])(
    "parses %s",
    (name) => {
      expect(ZImage.safeParse(sample(name)).error?.message).toBeUndefined();
    },
  );
  it("separates custom properties from core fields", () => {
    const image = ZImage.parse({ ...(sample("image-show-response.json") as object), os_distro: "cirros" });
    expect(customProperties(image)).toEqual({ os_distro: "cirros" });
  });
});

describe("Glance client", () => {
  it("versions an unversioned catalog URL", () => {
    expect(glanceV2Url("http://cloud/image")).toBe("http://cloud/image/v2");
    expect(glanceV2Url("http://cloud:9292/")).toBe("http://cloud:9292/v2");
    expect(glanceV2Url("http://cloud:9292/v2")).toBe("http://cloud:9292/v2");
  });

  it("follows `next` links relative to the Glance root", async () => {
    const img = (id: string) => ({ ...(sample("image-show-response.json") as object), id });
    const fake = fakeFetch([
      {
        path: "/image/v2/images?status=active&limit=2",
        body: { images: [img("a"), img("b")], next: "/v2/images?status=active&limit=2&marker=b" },
      },
      { path: "/image/v2/images?status=active&limit=2&marker=b", body: { images: [img("c")] } },
    ]);
    const glance = createGlanceClient({ endpoint: "http://cloud/image", token: "t", fetch: fake.fetch });
    const all = await glance.listAll({ status: "active", limit: 2 });
    expect(all.map((i) => i.id)).toEqual(["a", "b", "c"]);
    expect(fake.calls.every((c) => c.headers.get("x-auth-token") === "t")).toBe(true);
  });

  it("sends json-patch with Glance's media type", async () => {
    const fake = fakeFetch([
      { method: "PATCH", path: "/image/v2/images/x", body: sample("image-update-response.json") },
    ]);
    const glance = createGlanceClient({ endpoint: "http://cloud/image", token: "t", fetch: fake.fetch });
    await glance.update("x", [{ op: "replace", path: "/name", value: "n" }]);
    expect(fake.calls[0]?.headers.get("content-type")).toBe("application/openstack-images-v2.1-json-patch");
    expect(fake.calls[0]?.body).toEqual([{ op: "replace", path: "/name", value: "n" }]);
  });

  it.each([
    ["a Node Readable", () => Readable.from([Buffer.from("hello "), Buffer.from("world")])],
    [
      "a web ReadableStream",
      () =>
        new ReadableStream<Uint8Array>({
          start(c) {
            c.enqueue(new TextEncoder().encode("hello world"));
            c.close();
          },
        }),
    ],
  ])("streams an upload from %s", async (_label, body) => {
    let received = "";
    let contentType: string | null = null;
    const fetchImpl: typeof fetch = async (_input, init) => {
      contentType = new Headers(init?.headers).get("content-type");
      received = await new Response(init?.body).text();
      return new Response(null, { status: 204 });
    };
    const glance = createGlanceClient({ endpoint: "http://cloud/image", token: "t", fetch: fetchImpl });
    await glance.upload("x", body());
    expect(received).toBe("hello world");
    expect(contentType).toBe("application/octet-stream");
  });

  it("turns Glance's HTML error pages into a message", async () => {
    const fetchImpl: typeof fetch = async () =>
      new Response(
        "<html><head><title>404 Not Found</title></head><body><h1>404 Not Found</h1>No image found with ID x<br /><br /></body></html>",
        { status: 404, headers: { "content-type": "text/html" } },
      );
    const glance = createGlanceClient({ endpoint: "http://cloud/image", token: "t", fetch: fetchImpl });
    await expect(glance.get("x")).rejects.toMatchObject({
      status: 404,
      message: "404 Not Found No image found with ID x",
    });
  });
});
