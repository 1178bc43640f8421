import type { NextRequest } from "next/server";
import { getTranslations } from "next-intl/server";
import { env } from "@/env";

export const dynamic = "force-dynamic";

interface RouteContext {
  params: Promise<{ id: string }>;
}

/** Glance image ids are UUIDs; anything else never reaches the upstream URL. */
const IMAGE_ID = /^[0-9a-fA-F-]{8,64}$/;

function jsonError(status: number, message: string): Response {
  return Response.json({ error: { code: status, message } }, { status });
}

/**
 * PUT /api/images/{id}/file: the browser uploads an image's bytes here (same
 * origin, session cookie, so XHR reports progress). The one upload path is
 * the BFF's (it reads the session and streams to Glance, whose storage limit
 * ends an oversized upload with 413); this route only streams the body
 * through, never buffering it, and answers with the BFF's status.
 */
export async function PUT(request: NextRequest, context: RouteContext): Promise<Response> {
  const { id } = await context.params;
  // In the reader's language (cookie or Accept-Language), as the page that uploads shows it.
  const t = await getTranslations("common.errors");
  if (!IMAGE_ID.test(id)) return jsonError(400, t("invalidImageId"));
  if (!request.body) return jsonError(400, t("noFile"));

  const headers = new Headers({ "content-type": "application/octet-stream" });
  for (const name of ["cookie", "content-length"]) {
    const value = request.headers.get(name);
    if (value) headers.set(name, value);
  }
  const init: RequestInit & { duplex: "half" } = {
    method: "PUT",
    headers,
    body: request.body,
    // Node streams a request body only in half-duplex mode.
    duplex: "half",
    cache: "no-store",
    signal: request.signal,
  };
  let upstream: Response;
  try {
    upstream = await fetch(new URL(`/api/images/${encodeURIComponent(id)}/file`, env().ZENITH_BFF_URL), init);
  } catch (error) {
    if (request.signal.aborted) return new Response(null, { status: 499 });
    console.error("image upload: BFF request failed", error instanceof Error ? error.message : error);
    return jsonError(502, t("backendNoAnswer"));
  }
  const responseHeaders = new Headers();
  const type = upstream.headers.get("content-type");
  if (type) responseHeaders.set("content-type", type);
  return new Response(upstream.body, { status: upstream.status, headers: responseHeaders });
}
