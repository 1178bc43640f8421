import { createTranslator } from "next-intl";
import { describe, expect, it } from "vitest";
import { messagesFor } from "../../i18n/catalog";
import { errorMessageIn } from "../trpc-errors";
import { networkErrorMessage } from "./network-errors";

const t = createTranslator({ locale: "en", messages: messagesFor("en"), namespace: "common.errors" });
const messageOf = (error: unknown) => errorMessageIn(t, error);

const trpcError = (code: string, message: string) => Object.assign(new Error(message), { data: { code } });

describe("networkErrorMessage", () => {
  it("shows an in-use refusal as the BFF wrote it, without the generic conflict hint", () => {
    const message = "Network web is in use by instance vm-1. Remove them first.";
    expect(networkErrorMessage(trpcError("CONFLICT", message), messageOf)).toBe(message);
  });

  it("keeps the usual hints for other failures", () => {
    expect(
      networkErrorMessage(trpcError("FORBIDDEN", "Network public belongs to another project."), messageOf),
    ).toContain("Ask an administrator");
  });
});
