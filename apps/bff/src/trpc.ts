import { initTRPC, TRPCError } from "@trpc/server";
import { createKeystoneClient } from "@zenith/api-client/keystone";
import { describeFieldErrors, type FieldError, type MessageParams, ZenithError } from "@zenith/core/errors";
import { z } from "zod";
import type { Context } from "./context.ts";
import { say } from "./messages.ts";
import { createCloud } from "./services/cloud/clients.ts";
import { toZenithError } from "./services/errors.ts";
import { isCloudAdminSession, isSessionExpired } from "./session.ts";
import { keyedFieldErrors } from "./zod-fields.ts";

export const SESSION_EXPIRED = say("auth.sessionExpired").text;

interface ErrorData {
  fields: FieldError[];
  zenithCode: string;
  requestId: string | undefined;
  /** Key and params of a message the BFF wrote (bffErrors.<key> in the portal); absent for a cloud's own words. */
  messageKey?: string;
  messageParams?: MessageParams;
}

const t = initTRPC.context<Context>().create({
  errorFormatter({ shape, error, ctx }) {
    const cause = error.cause;
    const data: ErrorData = { fields: [], zenithCode: "INTERNAL", requestId: ctx?.requestId };
    let message = shape.message;
    if (cause instanceof ZenithError) {
      data.fields = cause.fields;
      data.zenithCode = cause.code;
      if (cause.messageKey) {
        data.messageKey = cause.messageKey.key;
        data.messageParams = cause.messageKey.params;
      }
    } else if (cause instanceof z.ZodError && error.code === "BAD_REQUEST") {
      // Input validation: name each field, as Keystone does.
      data.fields = keyedFieldErrors(cause.issues);
      data.zenithCode = "BAD_REQUEST";
      message = describeFieldErrors(data.fields);
    } else if (error.code === "INTERNAL_SERVER_ERROR") {
      // Unknown failures: details stay in the log (onError), the user gets a request id.
      const unexpected = say("cloud.unexpected", { requestId: ctx?.requestId ?? "unknown" });
      message = unexpected.text;
      data.messageKey = unexpected.key;
      data.messageParams = unexpected.params;
    } else {
      data.zenithCode = error.code;
    }
    const { stack: _stack, ...rest } = shape.data;
    return { ...shape, message, data: { ...rest, ...data } };
  },
});

export const router = t.router;
export const createCallerFactory = t.createCallerFactory;

/** Turns ZenithError and upstream OpenStackError into a TRPCError with the table's code, once. */
const errors = t.middleware(async ({ next }) => {
  const result = await next();
  if (!result.ok) {
    const zenith = toZenithError(result.error.cause);
    if (zenith) throw new TRPCError({ code: zenith.info.trpc, message: zenith.message, cause: zenith });
  }
  return result;
});

/** A procedure slower than this is logged at info (others at debug): where a page's time goes. */
const SLOW_PROCEDURE_MS = 500;

/** Each procedure's duration in the request's log (subscriptions: until the stream is set up). */
const timing = t.middleware(async ({ ctx, path, type, next }) => {
  const started = performance.now();
  const result = await next();
  const ms = Math.round(performance.now() - started);
  const fields = { path, type, ms, ok: result.ok };
  if (ms >= SLOW_PROCEDURE_MS) ctx.log.info(fields, "slow procedure");
  else ctx.log.debug(fields, "procedure");
  return result;
});

export const publicProcedure = t.procedure.use(timing).use(errors);

export const authedProcedure = publicProcedure.use(({ ctx, next }) => {
  const session = ctx.session;
  if (!session) throw new ZenithError("UNAUTHORIZED", say("auth.notLoggedIn"));
  if (isSessionExpired(session.keystone)) throw new ZenithError("UNAUTHORIZED", say("auth.sessionExpired"));
  const keystone = createKeystoneClient({
    authUrl: ctx.config.keystoneUrl,
    token: session.keystone.token,
    fetch: ctx.config.fetch,
  });
  return next({ ctx: { session, user: session.keystone.user, keystone } });
});

export const projectProcedure = authedProcedure.use(({ ctx, next }) => {
  const project = ctx.session.keystone.project;
  if (!project) throw new ZenithError("FORBIDDEN", say("auth.selectProject"));
  const cloud = createCloud({
    token: ctx.session.keystone.token,
    keystone: ctx.keystone,
    fetch: ctx.config.fetch,
  });
  return next({ ctx: { project, roles: ctx.session.keystone.roles, cloud } });
});

export const adminProcedure = projectProcedure.use(({ ctx, next }) => {
  if (!isCloudAdminSession(ctx.session.keystone)) {
    throw new ZenithError("FORBIDDEN", say("auth.adminRequired"));
  }
  return next({ ctx: { isAdmin: true as const } });
});
