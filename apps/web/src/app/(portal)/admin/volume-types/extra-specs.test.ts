import { createTranslator } from "next-intl";
import { describe, expect, it } from "vitest";
import { messagesFor } from "../../../../i18n/catalog";
import { extraSpecsText, specsToText } from "./extra-specs";

const ExtraSpecsText = extraSpecsText(
  createTranslator({ locale: "en", messages: messagesFor("en"), namespace: "admin.volumeTypes" }),
);

describe("extra specs text", () => {
  it("reads key=value lines and writes them back", () => {
    const parsed = ExtraSpecsText.parse("tier = gold\n\nvolume_backend_name=file\n");
    expect(parsed).toEqual({ tier: "gold", volume_backend_name: "file" });
    expect(specsToText(parsed)).toBe("tier=gold\nvolume_backend_name=file");
  });

  it("names the line that is wrong", () => {
    const missing = ExtraSpecsText.safeParse("tier=gold\nnonsense");
    expect(missing.success).toBe(false);
    expect(missing.error?.issues[0]?.message).toBe("Line 2: write key=value (each at most 255 characters).");
    const twice = ExtraSpecsText.safeParse("a=1\na=2");
    expect(twice.error?.issues[0]?.message).toBe('Line 2: "a" appears twice.');
  });
});
