import type { NextRequest } from "next/server";
import { getTranslations } from "next-intl/server";
import { env } from "@/env";
import { MAX_TRPC_BODY_BYTES, readBounded } from "@/lib/bounded-body";
import { bffUnreachableResponse } from "@/trpc/bff-unreachable";

export const dynamic = "force-dynamic";

const FORWARDED_REQUEST_HEADERS = [
  "content-type",
  "cookie",
  "accept",
  "trpc-accept",
  "last-event-id",
  // The BFF refuses mutations without it (CSRF); the portal's client sends it.
  "x-zenith-csrf",
];
const FORWARDED_RESPONSE_HEADERS = ["content-type", "cache-control", "vary"];

function isEventStream(response: Response): boolean {
  return (response.headers.get("content-type") ?? "").startsWith("text/event-stream");
}

interface RouteContext {
  params: Promise<{ trpc: string }>;
}

/**
 * Same-origin bridge to the BFF: the browser talks to /api/trpc with its
 * session cookie, the BFF (a separate process) decodes that cookie.
 * Responses stream through unbuffered, so subscriptions (server-sent
 * events) reach the browser as the BFF writes them; when the browser goes
 * away the upstream request is aborted too.
 */
async function forwardToBff(request: NextRequest, context: RouteContext): Promise<Response> {
  const { trpc: procedurePath } = await context.params;
  const target = new URL(`/api/trpc/${procedurePath}`, env().ZENITH_BFF_URL);
  target.search = request.nextUrl.search;

  const headers = new Headers();
  for (const name of FORWARDED_REQUEST_HEADERS) {
    const value = request.headers.get(name);
    if (value) headers.set(name, value);
  }
  headers.set("x-forwarded-proto", request.nextUrl.protocol.replace(":", ""));
  headers.set("x-forwarded-host", request.headers.get("host") ?? request.nextUrl.host);

  const hasBody = request.method !== "GET" && request.method !== "HEAD";
  // tRPC inputs are small: a larger body is refused before it is held whole.
  const body = hasBody
    ? await readBounded(request.body, request.headers.get("content-length"), MAX_TRPC_BODY_BYTES)
    : undefined;
  if (body === null) return payloadTooLarge(procedurePath, await errorText("bodyTooLarge"));
  let upstream: Response;
  try {
    upstream = await fetch(target, {
      method: request.method,
      headers,
      body,
      redirect: "manual",
      cache: "no-store",
      signal: request.signal,
    });
  } catch (error) {
    // The browser went away (closed a live stream, navigated): nothing to answer.
    if (request.signal.aborted) return new Response(null, { status: 499 });
    console.error("BFF request failed", error instanceof Error ? error.message : error);
    return bffUnreachableResponse(request.nextUrl, procedurePath, await errorText("bffUnreachable"));
  }

  const responseHeaders = new Headers();
  for (const name of FORWARDED_RESPONSE_HEADERS) {
    const value = upstream.headers.get(name);
    if (value) responseHeaders.set(name, value);
  }
  for (const cookie of upstream.headers.getSetCookie()) responseHeaders.append("set-cookie", cookie);

  if (isEventStream(upstream)) {
    // no-transform keeps the server's compression from buffering the stream.
    responseHeaders.set("cache-control", "no-cache, no-transform");
    responseHeaders.set("x-accel-buffering", "no");
  }
  return new Response(upstream.body, { status: upstream.status, headers: responseHeaders });
}

/** The portal's own error messages, in the reader's language (cookie or Accept-Language). */
async function errorText(key: "bffUnreachable" | "bodyTooLarge"): Promise<string> {
  const t = await getTranslations("common.errors");
  return key === "bodyTooLarge"
    ? t("bodyTooLarge", { limit: String(MAX_TRPC_BODY_BYTES) })
    : t("bffUnreachable");
}

/** The tRPC error envelope the BFF itself answers for an oversized body. */
function payloadTooLarge(procedurePath: string, message: string): Response {
  const error = {
    message,
    code: -32013,
    data: { code: "PAYLOAD_TOO_LARGE", httpStatus: 413, path: procedurePath },
  };
  return Response.json({ error }, { status: 413, headers: { connection: "close" } });
}

export const GET = forwardToBff;
export const POST = forwardToBff;
