import { createFormatter, createTranslator } from "next-intl";
import { describe, expect, it } from "vitest";
import { messagesFor } from "../../../../i18n/catalog";
import { agentFilterInput, toggleEffect as effect, heartbeatText as heartbeat } from "./agent-rows";

const t = createTranslator({ locale: "en", messages: messagesFor("en"), namespace: "admin.networkAgents" });
const format = createFormatter({ locale: "en", timeZone: "UTC" });
const heartbeatText = (iso: string | null, now: number) => heartbeat(t, format, iso, now);
const toggleEffect = (agent: { type: string; adminStateUp: boolean }) => effect(t, agent);

describe("agentFilterInput", () => {
  it("sends nothing for empty selects", () => {
    expect(agentFilterInput({ type: "", alive: "", adminState: "" })).toEqual({});
  });

  it("maps down and disabled to false, not to an absent filter", () => {
    expect(agentFilterInput({ type: "L3 agent", alive: "down", adminState: "disabled" })).toEqual({
      type: "L3 agent",
      alive: false,
      adminStateUp: false,
    });
    expect(agentFilterInput({ type: "", alive: "alive", adminState: "enabled" })).toEqual({
      alive: true,
      adminStateUp: true,
    });
  });
});

describe("heartbeatText", () => {
  const now = Date.parse("2026-12-06T09:00:00Z");

  it("is relative, with the absolute time kept for the tooltip", () => {
    const text = heartbeatText("2026-12-06T08:59:48Z", now);
    expect(text.relative).toBe("12 sec ago");
    expect(text.absolute).not.toBe("—");
    expect(text.absolute).toMatch(/2026/);
  });

  it("says Never without a heartbeat or with an unreadable one", () => {
    expect(heartbeatText(null, now).relative).toBe("Never");
    expect(heartbeatText("yesterday-ish", now).relative).toBe("Never");
  });
});

describe("toggleEffect", () => {
  it("explains per type what disabling changes", () => {
    expect(toggleEffect({ type: "DHCP agent", adminStateUp: true })).toMatch(/DHCP server on other hosts/);
    expect(toggleEffect({ type: "L3 agent", adminStateUp: true })).toMatch(/routers are placed on other/);
    expect(toggleEffect({ type: "Metadata agent", adminStateUp: true })).toMatch(/out of service/);
  });

  it("explains enabling", () => {
    expect(toggleEffect({ type: "L3 agent", adminStateUp: false })).toMatch(/scheduling again/);
  });
});
