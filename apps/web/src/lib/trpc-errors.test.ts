import { createTranslator } from "next-intl";
import { describe, expect, it } from "vitest";
import { messagesFor } from "../i18n/catalog";
import { errorMessageIn } from "./trpc-errors";

const errorsIn = (locale: "en" | "zh-CN") =>
  createTranslator({ locale, messages: messagesFor(locale), namespace: "common.errors" });

/** An error as the tRPC client throws it: a message and the procedure's code. */
function trpcError(message: string, code: string): Error {
  return Object.assign(new Error(message), { data: { code } });
}

describe("errorMessageIn", () => {
  // The English texts the portal showed before it spoke two languages: specs select by them.
  const cases: [unknown, string][] = [
    [
      trpcError("Quota exceeded for instances.", "FORBIDDEN"),
      "Quota exceeded for instances. You do not have permission for this. Ask an administrator for the role it needs.",
    ],
    [trpcError("", "NOT_FOUND"), "It no longer exists. Refresh the list."],
    [trpcError("Session gone", "UNAUTHORIZED"), "Your session has expired. Please log in again."],
    [
      trpcError("Nova did not answer.", "INTERNAL_SERVER_ERROR"),
      "Nova did not answer. Try again; if it persists, check the service logs.",
    ],
    [trpcError("Name too long.", "BAD_REQUEST"), "Name too long."],
    [new Error("Plain failure."), "Plain failure."],
    ["not an error", "Something went wrong."],
  ];

  it("says in English what the portal always said", () => {
    const t = errorsIn("en");
    for (const [error, expected] of cases) expect(errorMessageIn(t, error)).toBe(expected);
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
