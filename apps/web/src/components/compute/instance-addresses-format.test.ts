import { createTranslator } from "next-intl";
import { describe, expect, it } from "vitest";
import { messagesFor } from "../../i18n/catalog";
import { compactAddresses, describeAddress } from "./instance-addresses-format";

const en = createTranslator({ locale: "en", messages: messagesFor("en"), namespace: "compute.addresses" });
const zh = createTranslator({
  locale: "zh-CN",
  messages: messagesFor("zh-CN"),
  namespace: "compute.addresses",
});

const fixed = (address: string, network = "private") => ({ address, network, floating: false });
const floating = (address: string) => ({ address, network: "private", floating: true });

describe("compactAddresses", () => {
  it("shows floating addresses first and counts the overflow", () => {
    const c = compactAddresses([fixed("10.0.0.5"), fixed("192.168.1.4", "net2"), floating("172.24.4.9")]);
    expect(c.shown.map((a) => a.address)).toEqual(["172.24.4.9", "10.0.0.5"]);
    expect(c.hidden).toBe(1);
    expect(c.all).toHaveLength(3);
  });
  it("has no overflow when everything fits", () => {
    expect(compactAddresses([fixed("10.0.0.5")]).hidden).toBe(0);
    expect(compactAddresses([]).shown).toEqual([]);
  });
  it("describes each address with its kind and network", () => {
    expect(describeAddress(en, floating("172.24.4.9"))).toBe("172.24.4.9 (floating, private)");
    expect(describeAddress(en, fixed("10.0.0.5"))).toBe("10.0.0.5 (private)");
    expect(describeAddress(zh, floating("172.24.4.9"))).toBe("172.24.4.9（浮动，private）");
  });
});
