import { createTranslator } from "next-intl";
import { describe, expect, it } from "vitest";
import { messagesFor } from "../../../../i18n/catalog";
import { usageHint as hint, MAX_NETWORK_LIMIT, networkQuotaSchema } from "./network-quota-schema";

const t = createTranslator({ locale: "en", messages: messagesFor("en"), namespace: "admin.quotas" });
const NetworkQuotaSchema = networkQuotaSchema(t);
const usageHint = (used: number, limit: number) => hint(t, used, limit);

describe("NetworkQuotaSchema", () => {
  const schema = NetworkQuotaSchema;

  it("reads whole numbers and -1 (unlimited)", () => {
    expect(schema.parse({ networks: " 10 ", floatingIps: "-1" })).toEqual({ networks: 10, floatingIps: -1 });
  });

  it("says what is wrong, per field", () => {
    const result = schema.safeParse({ networks: "", floatingIps: "2.5" });
    expect(result.success).toBe(false);
    const messages = result.error?.issues.map((i) => `${i.path.join(".")}: ${i.message}`) ?? [];
    expect(messages).toContain("networks: Enter the networks limit (-1 for unlimited).");
    expect(messages).toContain("floatingIps: Enter the floating IP limit as a whole number.");
  });

  it("refuses below -1, above Neutron's ceiling and text", () => {
    expect(schema.safeParse({ networks: "-2", floatingIps: "1" }).error?.issues[0]?.message).toMatch(
      /Use -1 for unlimited/,
    );
    expect(
      schema.safeParse({ networks: String(MAX_NETWORK_LIMIT + 1), floatingIps: "1" }).error?.issues[0]
        ?.message,
    ).toMatch(/At most/);
    expect(schema.safeParse({ networks: "ten", floatingIps: "1" }).error?.issues[0]?.message).toBe(
      "Enter the networks limit as a number.",
    );
  });

  it("requires only the fields the form shows", () => {
    expect(schema.parse({ ports: "50" })).toEqual({ ports: 50 });
  });
});

describe("usageHint", () => {
  it("shows used against the limit, or unlimited", () => {
    expect(usageHint(3, 10)).toBe("3 of 10 used");
    expect(usageHint(3, -1)).toBe("3 used, unlimited");
  });
});
