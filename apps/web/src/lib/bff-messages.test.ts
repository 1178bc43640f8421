import { OpenStackError } from "@zenith/api-client/http";
import { type FieldError, type MessageParams, ZenithError } from "@zenith/core/errors";
import { createTranslator } from "next-intl";
import { describe, expect, it } from "vitest";
// The BFF's own code makes the messages, so a change of its wording fails here, not in a Chinese portal.
import { BFF_MESSAGE_KEYS, type BffMessageKey, missingServiceParams, say } from "../../../bff/src/messages";
import { endpointOf } from "../../../bff/src/services/cloud/catalog";
import { toZenithError } from "../../../bff/src/services/errors";
import bffErrorsEn from "../../messages/en/bffErrors.json";
import { messagesFor } from "../i18n/catalog";
import { errorMessageIn, fieldErrorsOf } from "./trpc-errors";

type Locale = "en" | "zh-CN";
const errorsIn = (locale: Locale) =>
  createTranslator({ locale, messages: messagesFor(locale), namespace: "common.errors" });
const bffIn = (locale: Locale) =>
  createTranslator({ locale, messages: messagesFor(locale), namespace: "bffErrors" });
const messageIn = (locale: Locale, error: unknown) => errorMessageIn(errorsIn(locale), error, bffIn(locale));

/** Params for every key; numbers past 999 so a thousands separator would show. */
const EXAMPLES: Record<BffMessageKey, MessageParams> = {
  "auth.notLoggedIn": {},
  "auth.sessionExpired": {},
  "auth.selectProject": {},
  "auth.adminRequired": {},
  "auth.noProjectAccess": {},
  "cloud.serviceMissing": missingServiceParams("key-manager"),
  "cloud.unavailable": {},
  "cloud.failed": {},
  "cloud.unexpected": { requestId: "req-9" },
  "field.required": {},
  "field.tooShort": { minimum: 1200 },
  "field.tooLong": { maximum: 1200 },
  "field.tooSmall": { minimum: 1200 },
  "field.tooLarge": { maximum: 1200 },
  "field.notAbove": { minimum: 1200 },
  "field.notBelow": { maximum: 1200 },
  "field.tooFew": { minimum: 1200 },
  "field.tooMany": { maximum: 1200 },
  "field.wrongType": {},
  "field.notInteger": {},
  "field.invalidFormat": { format: "uuid" },
  "field.notAllowed": {},
  "field.unknownKeys": { keys: "colour, size" },
  "identity.cannotDeleteSelf": {},
  "identity.noCredentialSecret": {},
  "identity.userOrGroup": {},
  "identity.wrongPassword": {},
  "compute.listOthersAdminOnly": {},
  "compute.portNotAttached": { port: "p-1", instance: "web-1" },
  "compute.noInterfaces": {},
  "compute.choosePortIpv4": {},
  "compute.notPortIpv4": {},
  "compute.floatingIpNotAssociated": { address: "203.0.113.5", instance: "web-1" },
  "network.listOthersAdminOnly": {},
  "network.createSpecialAdminOnly": {},
  "network.shareAdminOnly": {},
  "network.ownedByOther": { network: "public" },
  "network.inUse": {
    network: "net1",
    instanceCount: 7,
    instances: "web-1, web-2, web-3, web-4, web-5, …",
    routerCount: 1,
    routers: "r1",
    gatewayCount: 0,
    gateways: "",
    floatingIps: 1200,
    otherPorts: 1,
  },
  "network.listAllAdminOnly": {},
  "securityGroup.defaultReserved": {},
  "securityGroup.defaultReservedField": {},
  "securityGroup.defaultRename": {},
  "securityGroup.defaultKeepsName": {},
  "securityGroup.defaultDelete": {},
  "router.snatAdminOnly": {},
  "router.snatAdminOnlyField": {},
  "router.hasInterfaces": { router: "r1", count: 1234, addresses: "10.0.0.1, 10.0.1.1" },
  "router.listOthersAdminOnly": {},
  "topology.othersAdminOnly": {},
  "topology.tooLarge": { nodes: 12345, edges: 23456 },
  "floatingIp.othersInstancesAdminOnly": {},
  "floatingIp.portNotInProject": {},
  "floatingIp.choosePort": {},
  "floatingIp.notPortIpv4": {},
  "floatingIp.chooseOneOf": { addresses: "10.0.0.4, 10.0.0.5" },
  "floatingIp.noIpv4": {},
  "floatingIp.severalIpv4": {},
  "floatingIp.chooseAddress": {},
  "volume.listAllAdminOnly": {},
  "volume.chooseVolume": {},
  "volume.newVolumeFailed": { status: "error" },
  "volume.stillCreating": {},
  "volume.transferNoAuthKey": {},
  "volume.sizeTooSmall": { size: 2048 },
  "volume.newSizeMin": { size: 2048 },
  "volume.confirmNameMismatch": {},
  "volume.typeNameToConfirm": { name: "data-1" },
  "volume.detachBeforeDelete": {},
};

/** Any key with any params: the examples are checked against the BFF's keys at run time. */
const sayAny = say as (key: string, params: MessageParams) => ReturnType<typeof say>;

/** The dotted keys of a message tree. */
function keysOf(tree: object, prefix = ""): string[] {
  return Object.entries(tree).flatMap(([k, v]) =>
    typeof v === "object" && v !== null ? keysOf(v, `${prefix}${k}.`) : [`${prefix}${k}`],
  );
}

/** What the tRPC client throws for a ZenithError, as the BFF's errorFormatter renders it. */
function asTrpcError(zenith: ZenithError): Error {
  const keyed = zenith.messageKey
    ? { messageKey: zenith.messageKey.key, messageParams: zenith.messageKey.params }
    : {};
  return Object.assign(new Error(zenith.message), {
    data: { code: zenith.info.trpc, zenithCode: zenith.code, fields: zenith.fields, ...keyed },
  });
}

function thrownBy(fn: () => unknown): ZenithError {
  try {
    fn();
  } catch (error) {
    if (error instanceof ZenithError) return error;
  }
  throw new Error("expected a ZenithError");
}

function fromUpstream(status: number): ZenithError {
  const zenith = toZenithError(new OpenStackError(status, "upstream detail"));
  if (!zenith) throw new Error("toZenithError kept no error");
  return zenith;
}

describe("the portal's catalogue of the BFF's messages", () => {
  it("has an example for every key the BFF sends, and a message for each", () => {
    expect(Object.keys(EXAMPLES).sort()).toEqual([...BFF_MESSAGE_KEYS].sort());
    expect(keysOf(bffErrorsEn).sort()).toEqual([...BFF_MESSAGE_KEYS].sort());
  });

  it("reads in English exactly as the BFF writes each message", () => {
    const t = bffIn("en");
    for (const [key, params] of Object.entries(EXAMPLES)) {
      const said = sayAny(key, params);
      expect({ key, text: t(key as never, params as never) }).toEqual({ key, text: said.text });
    }
    // The other branches of the sentences with a choice in them.
    expect(t("router.hasInterfaces", { router: "r", count: 1, addresses: "a" })).toBe(
      sayAny("router.hasInterfaces", { router: "r", count: 1, addresses: "a" }).text,
    );
    expect(t("field.tooShort", { minimum: 1 })).toBe(sayAny("field.tooShort", { minimum: 1 }).text);
    const usage = {
      network: "n",
      instanceCount: 1,
      instances: "vm",
      routerCount: 2,
      routers: "r1, r2",
      gatewayCount: 1,
      gateways: "g",
      floatingIps: 0,
      otherPorts: 2,
    };
    expect(t("network.inUse", usage)).toBe(sayAny("network.inUse", usage).text);
    for (const type of ["compute", "image", "network", "block-storage", "dns"]) {
      const params = missingServiceParams(type);
      expect(t("cloud.serviceMissing", params)).toBe(say("cloud.serviceMissing", params).text);
    }
  });

  it("has a Chinese message for every key, different from the English", () => {
    const zh = bffIn("zh-CN");
    const en = bffIn("en");
    for (const [key, params] of Object.entries(EXAMPLES)) {
      const chinese = zh(key as never, params as never);
      expect(chinese, key).not.toBe(en(key as never, params as never));
      expect(chinese, key).toMatch(/[\u4e00-\u9fff]/);
    }
  });
});

describe("the BFF's messages in the portal", () => {
  const cases = [
    asTrpcError(thrownBy(() => endpointOf([], "network"))),
    asTrpcError(thrownBy(() => endpointOf([], "block-storage"))),
    asTrpcError(thrownBy(() => endpointOf([], "dns"))),
    asTrpcError(fromUpstream(503)),
    asTrpcError(fromUpstream(500)),
    asTrpcError(new ZenithError("INTERNAL", say("cloud.unexpected", { requestId: "req-42" }))),
    asTrpcError(new ZenithError("SERVICE_UNAVAILABLE", say("volume.stillCreating"))),
    asTrpcError(new ZenithError("FORBIDDEN", say("auth.selectProject"))),
  ];

  it("read in English exactly as the BFF wrote them", () => {
    expect(cases.map((e) => messageIn("en", e))).toEqual([
      "This cloud has no network (Neutron) service in its catalog.",
      "This cloud has no block storage (Cinder) service in its catalog.",
      "This cloud has no dns service in its catalog.",
      "The cloud service is unavailable. Try again shortly.",
      "The cloud service failed. Try again; if it persists, check the service logs.",
      "An unexpected error occurred (request id req-42). Try again; if it persists, check the service logs.",
      "The new volume is still being created; attach it once it is available.",
      "Select a project first. You do not have permission for this. Ask an administrator for the role it needs.",
    ]);
  });

  it("read in Chinese, keeping only names and values", () => {
    expect(cases.map((e) => messageIn("zh-CN", e))).toEqual([
      "此云的端点目录中没有网络服务（Neutron）。",
      "此云的端点目录中没有块存储服务（Cinder）。",
      "此云的端点目录中没有“dns”服务。",
      "云服务暂不可用。请稍后重试。",
      "云服务出错。 请重试；如果问题仍然存在，请检查服务日志。",
      "发生意外错误（请求 ID req-42）。 请重试；如果问题仍然存在，请检查服务日志。",
      "新卷仍在创建中；请在其可用后再连接。",
      "请先选择一个项目。 您没有执行此操作的权限。请联系管理员授予所需的角色。",
    ]);
  });

  it("falls back to the English message for a key the portal does not know, or none", () => {
    const newer = Object.assign(new Error("A sentence from a newer BFF."), {
      data: { code: "BAD_REQUEST", messageKey: "volume.fromTheFuture", messageParams: { size: 1 } },
    });
    expect(messageIn("zh-CN", newer)).toBe("A sentence from a newer BFF.");
    const newer503 = Object.assign(new Error("Not yet."), {
      data: { code: "SERVICE_UNAVAILABLE", messageKey: "volume.fromTheFuture" },
    });
    expect(messageIn("zh-CN", newer503)).toBe("服务暂不可用：Not yet.");
    // A cloud's own words have no key and pass through as it wrote them.
    expect(messageIn("zh-CN", asTrpcError(fromUpstream(400)))).toBe("upstream detail");
    // Malformed params are not trusted: the English stays.
    const malformed = Object.assign(new Error("English."), {
      data: {
        code: "BAD_REQUEST",
        messageKey: "volume.sizeTooSmall",
        messageParams: { size: { nested: 1 } },
      },
    });
    expect(messageIn("zh-CN", malformed)).toBe("English.");
  });

  it("translates field errors by key, and leaves the others as they came", () => {
    const fields: FieldError[] = [
      {
        path: "newSize",
        message: "Must be more than 2048 GiB.",
        key: "volume.newSizeMin",
        params: { size: 2048 },
      },
      { path: "name", message: "Name taken upstream." },
      { path: "confirmName", message: "English from a newer BFF.", key: "volume.fromTheFuture", params: {} },
    ];
    const error = asTrpcError(
      new ZenithError("BAD_REQUEST", say("volume.sizeTooSmall", { size: 2048 }), { fields }),
    );
    expect(fieldErrorsOf(error, bffIn("zh-CN"))).toEqual({
      newSize: "必须大于 2048 GiB。",
      name: "Name taken upstream.",
      confirmName: "English from a newer BFF.",
    });
    expect(fieldErrorsOf(error, bffIn("en"))).toEqual({
      newSize: "Must be more than 2048 GiB.",
      name: "Name taken upstream.",
      confirmName: "English from a newer BFF.",
    });
    expect(fieldErrorsOf(error)).toMatchObject({ newSize: "Must be more than 2048 GiB." });
  });
});
