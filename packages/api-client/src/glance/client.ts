import { createHttpClient, type FetchLike, joinUrl, type RawBody } from "../http.ts";
import { type Image, type ImagePatchOp, ZImage, ZImagesResponse } from "./schemas.ts";

export interface GlanceClientOptions {
  /** The image endpoint from the catalog (type `image`); usually unversioned. */
  endpoint: string;
  token: string;
  fetch?: FetchLike | undefined;
  timeoutMs?: number | undefined;
}

export interface ImageListFilter {
  name?: string | undefined;
  status?: string | undefined;
  visibility?: "public" | "private" | "shared" | "community" | "all" | undefined;
  owner?: string | undefined;
  memberStatus?: string | undefined;
  tag?: string | undefined;
  /** `name`, `created_at`, `size`, … */
  sortKey?: string | undefined;
  sortDir?: "asc" | "desc" | undefined;
  limit?: number | undefined;
  marker?: string | undefined;
}

export interface ImageInput {
  name: string;
  disk_format?: string | undefined;
  container_format?: string | undefined;
  visibility?: string | undefined;
  min_disk?: number | undefined;
  min_ram?: number | undefined;
  protected?: boolean | undefined;
  tags?: string[] | undefined;
  id?: string | undefined;
  /** Custom properties travel as top-level string keys. */
  properties?: Record<string, string> | undefined;
}

/** The catalog's image URL is normally the unversioned root; the API lives under `/v2`. */
export function glanceV2Url(endpoint: string): string {
  const url = endpoint.replace(/\/+$/, "");
  return /\/v\d+(\.\d+)?$/.test(url) ? url : `${url}/v2`;
}

/** Root that Glance's `next` links (`/v2/images?marker=…`) are relative to. */
function glanceRoot(endpoint: string): string {
  return endpoint.replace(/\/+$/, "").replace(/\/v\d+(\.\d+)?$/, "");
}

const PATCH_TYPE = "application/openstack-images-v2.1-json-patch";
const enc = encodeURIComponent;

export function createGlanceClient(options: GlanceClientOptions) {
  const http = createHttpClient({
    baseUrl: glanceV2Url(options.endpoint),
    token: options.token,
    fetch: options.fetch,
    timeoutMs: options.timeoutMs,
  });
  const root = glanceRoot(options.endpoint);

  function listQuery(f: ImageListFilter) {
    return {
      name: f.name,
      status: f.status,
      visibility: f.visibility,
      owner: f.owner,
      member_status: f.memberStatus,
      tag: f.tag,
      sort_key: f.sortKey,
      sort_dir: f.sortDir,
      limit: f.limit,
      marker: f.marker,
    };
  }

  const api = {
    http,
    /** One page; `next` is an absolute URL to pass back as `page` when there is more. */
    async list(filter: ImageListFilter = {}, page?: string): Promise<{ items: Image[]; next?: string }> {
      const res = await http.request(
        page
          ? { path: page, schema: ZImagesResponse }
          : { path: "images", query: listQuery(filter), schema: ZImagesResponse },
      );
      const next = res.data.next ? joinUrl(root, res.data.next) : undefined;
      return next === undefined ? { items: res.data.images } : { items: res.data.images, next };
    },
    /** Every image matching the filter, following `next` until Glance stops giving one. */
    async listAll(filter: ImageListFilter = {}): Promise<Image[]> {
      const all: Image[] = [];
      let page: string | undefined;
      const seen = new Set<string>();
      for (;;) {
        const res = await api.list(filter, page);
        all.push(...res.items);
        if (!res.next || seen.has(res.next) || res.items.length === 0) return all;
        seen.add(res.next);
        page = res.next;
      }
    },
    async get(id: string): Promise<Image> {
      return (await http.request({ path: `images/${enc(id)}`, schema: ZImage })).data;
    },
    /** Creates the record (status `queued`); data comes with `upload`. */
    async create(input: ImageInput): Promise<Image> {
      const { properties, ...core } = input;
      const body = Object.fromEntries(
        Object.entries({ ...properties, ...core }).filter(([, v]) => v !== undefined),
      );
      return (await http.request({ method: "POST", path: "images", body, schema: ZImage })).data;
    },
    /** JSON-patch update (`replace /name`, `add /os_distro`, `remove /tag`…). */
    async update(id: string, ops: ImagePatchOp[]): Promise<Image> {
      const res = await http.request({
        method: "PATCH",
        path: `images/${enc(id)}`,
        body: ops,
        contentType: PATCH_TYPE,
        schema: ZImage,
      });
      return res.data;
    },
    async delete(id: string): Promise<void> {
      await http.send({ method: "DELETE", path: `images/${enc(id)}` });
    },
    /**
     * Streams image data to `PUT /images/{id}/file` without buffering it;
     * no timeout, since uploads of many GiB take as long as they take.
     */
    async upload(id: string, data: RawBody): Promise<void> {
      await http.send({
        method: "PUT",
        path: `images/${enc(id)}/file`,
        rawBody: data,
        contentType: "application/octet-stream",
        timeoutMs: null,
      });
    },
    /** The image data as a web stream (the caller must consume or cancel it). */
    async download(
      id: string,
    ): Promise<{ body: ReadableStream<Uint8Array>; size?: number; checksum?: string }> {
      const res = await http.open({
        path: `images/${enc(id)}/file`,
        timeoutMs: null,
        headers: { Accept: "application/octet-stream" },
      });
      if (!res.body) return { body: new ReadableStream({ start: (c) => c.close() }) };
      const length = Number(res.headers.get("content-length"));
      const checksum = res.headers.get("content-md5") ?? undefined;
      return {
        body: res.body,
        ...(Number.isFinite(length) && res.headers.has("content-length") ? { size: length } : {}),
        ...(checksum ? { checksum } : {}),
      };
    },
    async deactivate(id: string): Promise<void> {
      await http.send({ method: "POST", path: `images/${enc(id)}/actions/deactivate` });
    },
    async reactivate(id: string): Promise<void> {
      await http.send({ method: "POST", path: `images/${enc(id)}/actions/reactivate` });
    },
  };
  return api;
}

export type GlanceClient = ReturnType<typeof createGlanceClient>;
