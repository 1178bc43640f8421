import { createTranslator } from "next-intl";
import { describe, expect, it } from "vitest";
import { messagesFor } from "../i18n/catalog";
import { errorMessageIn, errorMessageOf } from "./trpc-errors";

const errorsIn = (locale: "en" | "zh-CN") =>
  createTranslator({ locale, messages: messagesFor(locale), namespace: "common.errors" });

/** An error as the tRPC client throws it: a message and the procedure's code. */
function trpcError(message: string, code: string): Error {
  return Object.assign(new Error(message), { data: { code } });
}

describe("errorMessageIn", () => {
  const cases = [
    trpcError("Quota exceeded for instances.", "FORBIDDEN"),
    trpcError("", "NOT_FOUND"),
    trpcError("Session gone", "UNAUTHORIZED"),
    trpcError("Nova did not answer.", "INTERNAL_SERVER_ERROR"),
    trpcError("Name too long.", "BAD_REQUEST"),
    new Error("Plain failure."),
    "not an error",
  ];

  it("says in English exactly what the English-only errorMessageOf says", () => {
    const t = errorsIn("en");
    for (const error of cases) expect(errorMessageIn(t, error)).toBe(errorMessageOf(error));
  });

  it("says what to do next in Chinese, keeping the API's own message", () => {
    const t = errorsIn("zh-CN");
    expect(errorMessageIn(t, trpcError("Quota exceeded for instances.", "FORBIDDEN"))).toBe(
      "Quota exceeded for instances. 您没有执行此操作的权限。请联系管理员授予所需的角色。",
    );
    expect(errorMessageIn(t, trpcError("", "NOT_FOUND"))).toBe("该资源已不存在。请刷新列表。");
    expect(errorMessageIn(t, "not an error")).toBe("出错了。");
  });
});
