import { OpenStackError } from "@zenith/api-client/http";
import { createTranslator } from "next-intl";
import { describe, expect, it } from "vitest";
// The BFF's own code makes the messages, so a change of its wording fails here, not in a Chinese portal.
import { endpointOf } from "../../../bff/src/services/cloud/catalog";
import { toZenithError } from "../../../bff/src/services/errors";
import { messagesFor } from "../i18n/catalog";
import { errorMessageIn } from "./trpc-errors";

const errorsIn = (locale: "en" | "zh-CN") =>
  createTranslator({ locale, messages: messagesFor(locale), namespace: "common.errors" });

/** What the tRPC client throws for a BFF error: its message and the procedure's code. */
function trpcError(message: string, code: string): Error {
  return Object.assign(new Error(message), { data: { code } });
}

function missingServiceMessage(type: string): string {
  try {
    endpointOf([], type);
  } catch (error) {
    if (error instanceof Error) return error.message;
  }
  throw new Error(`endpointOf found a ${type} endpoint in an empty catalog`);
}

function upstreamMessage(status: number): string {
  const zenith = toZenithError(new OpenStackError(status, "upstream detail"));
  if (!zenith) throw new Error("toZenithError kept no error");
  return zenith.message;
}

describe("the BFF's generic messages", () => {
  const cases = [
    trpcError(missingServiceMessage("network"), "SERVICE_UNAVAILABLE"),
    trpcError(missingServiceMessage("block-storage"), "SERVICE_UNAVAILABLE"),
    trpcError(missingServiceMessage("dns"), "SERVICE_UNAVAILABLE"),
    trpcError(upstreamMessage(503), "SERVICE_UNAVAILABLE"),
    trpcError(upstreamMessage(500), "INTERNAL_SERVER_ERROR"),
    trpcError("An unexpected error occurred (request id req-42).", "INTERNAL_SERVER_ERROR"),
    trpcError(
      "The new volume is still being created; attach it once it is available.",
      "SERVICE_UNAVAILABLE",
    ),
  ];

  it("read in English exactly as the BFF wrote them", () => {
    const t = errorsIn("en");
    const [network, blockStorage, dns, unavailable, failed, unexpected, other] = cases.map((e) =>
      errorMessageIn(t, e),
    );
    expect(network).toBe("This cloud has no network (Neutron) service in its catalog.");
    expect(blockStorage).toBe("This cloud has no block storage (Cinder) service in its catalog.");
    expect(dns).toBe("This cloud has no dns service in its catalog.");
    expect(unavailable).toBe("The cloud service is unavailable. Try again shortly.");
    expect(failed).toBe("The cloud service failed. Try again; if it persists, check the service logs.");
    expect(unexpected).toBe(
      "An unexpected error occurred (request id req-42). Try again; if it persists, check the service logs.",
    );
    expect(other).toBe("The new volume is still being created; attach it once it is available.");
  });

  it("read in Chinese, keeping only what the portal cannot translate", () => {
    const t = errorsIn("zh-CN");
    const [network, blockStorage, dns, unavailable, failed, unexpected, other] = cases.map((e) =>
      errorMessageIn(t, e),
    );
    expect(network).toBe("此云的端点目录中没有网络服务（Neutron）。");
    expect(blockStorage).toBe("此云的端点目录中没有块存储服务（Cinder）。");
    expect(dns).toBe("此云的端点目录中没有“dns”服务。");
    expect(unavailable).toBe("云服务暂不可用。请稍后重试。");
    expect(failed).toBe("云服务出错。 请重试；如果问题仍然存在，请检查服务日志。");
    expect(unexpected).toBe("发生意外错误（请求 ID req-42）。 请重试；如果问题仍然存在，请检查服务日志。");
    expect(other).toBe(
      "服务暂不可用：The new volume is still being created; attach it once it is available.",
    );
  });
});
