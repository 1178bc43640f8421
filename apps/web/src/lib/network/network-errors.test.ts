import { createTranslator } from "next-intl";
import { describe, expect, it } from "vitest";
import { messagesFor } from "../../i18n/catalog";
import { type ErrorMessageOf, errorMessageIn } from "../trpc-errors";
import { networkErrorMessage } from "./network-errors";

const t = createTranslator({ locale: "en", messages: messagesFor("en"), namespace: "common.errors" });
const bff = createTranslator({ locale: "zh-CN", messages: messagesFor("zh-CN"), namespace: "bffErrors" });
const messageOf: ErrorMessageOf = (error, opts) => errorMessageIn(t, error, undefined, opts);

const trpcError = (code: string, message: string) => Object.assign(new Error(message), { data: { code } });

describe("networkErrorMessage", () => {
  it("shows an in-use refusal as the BFF wrote it, without the generic conflict hint", () => {
    const message = "Network web is in use. Instance on it: vm-1. Remove them first.";
    expect(networkErrorMessage(trpcError("CONFLICT", message), messageOf)).toBe(message);
  });

  it("keeps the usual hints for other failures", () => {
    expect(
      networkErrorMessage(trpcError("FORBIDDEN", "Network public belongs to another project."), messageOf),
    ).toContain("Ask an administrator");
  });

  it("says a keyed conflict in the reader's language, without the hint about names", () => {
    const zhMessageOf: ErrorMessageOf = (error, opts) => errorMessageIn(t, error, bff, opts);
    const inUse = Object.assign(
      new Error("Network net1 is in use. Instance on it: web-1. Remove them first."),
      {
        data: {
          code: "CONFLICT",
          messageKey: "network.inUse",
          messageParams: {
            network: "net1",
            instanceCount: 1,
            instances: "web-1",
            routerCount: 0,
            routers: "",
            gatewayCount: 0,
            gateways: "",
            floatingIps: 2,
            otherPorts: 0,
          },
        },
      },
    );
    expect(networkErrorMessage(inUse, zhMessageOf)).toBe(
      "网络 net1 正在被使用。使用它的实例（1）：web-1。浮动 IP：2 个。请先移除它们。",
    );
  });
});
