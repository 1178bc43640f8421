import type { NextRequest } from "next/server";
import { imageEndpointFor } from "@/auth/image-endpoint";
import { isExpired } from "@/auth/public-session";
import { readSessionToken } from "@/auth/session-cookie";

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
 * origin, session cookie, so XHR reports progress); the route streams them
 * to Glance `PUT /v2/images/{id}/file` with the session's Keystone token,
 * which never leaves the server. Answers with Glance's status.
 */
export async function PUT(request: NextRequest, context: RouteContext): Promise<Response> {
  const { id } = await context.params;
  const session = await readSessionToken(request);
  const keystone = session?.keystone;
  if (!keystone || isExpired(keystone.expiresAt)) return jsonError(401, "You are not logged in.");
  if (!IMAGE_ID.test(id)) return jsonError(400, "Invalid image id.");
  if (!request.body) return jsonError(400, "The request has no file.");

  let endpoint: string | undefined;
  try {
    endpoint = await imageEndpointFor(keystone.token);
  } catch (error) {
    console.error("image upload: catalog lookup failed", error instanceof Error ? error.message : error);
    return jsonError(502, "The identity service did not answer. Try again.");
  }
  if (!endpoint) return jsonError(503, "This cloud has no image service in its catalog.");

  const headers = new Headers({
    "content-type": "application/octet-stream",
    "x-auth-token": keystone.token,
  });
  const length = request.headers.get("content-length");
  if (length) headers.set("content-length", length);

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
    upstream = await fetch(`${endpoint}/v2/images/${encodeURIComponent(id)}/file`, init);
  } catch (error) {
    if (request.signal.aborted) return new Response(null, { status: 499 });
    console.error("image upload: Glance request failed", error instanceof Error ? error.message : error);
    return jsonError(502, "The image service did not answer. Try again.");
  }

  const responseHeaders = new Headers();
  const type = upstream.headers.get("content-type");
  if (type) responseHeaders.set("content-type", type);
  const body = upstream.status === 204 ? null : await upstream.arrayBuffer();
  return new Response(body, { status: upstream.status, headers: responseHeaders });
}
