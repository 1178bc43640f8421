import { createTranslator } from "next-intl";
import { describe, expect, it } from "vitest";
import { messagesFor } from "../../i18n/catalog";
import { actionMenuLabel, blockedReasonText, type InstanceActionTexts } from "./action-texts";
import { humanize, MENU_ACTIONS } from "./instance-actions";
import { stateLabels } from "./state-labels";

function texts(locale: "en" | "zh-CN"): InstanceActionTexts {
  const messages = messagesFor(locale);
  return {
    t: createTranslator({ locale, messages, namespace: "compute.actions" }),
    states: stateLabels(createTranslator({ locale, messages, namespace: "compute.states" })),
  };
}

const en = texts("en");
const zh = texts("zh-CN");

/** Every code a kind's ICU select knows, read from the English message itself. */
function codesOf(message: string): string[] {
  return [...message.matchAll(/(\w+) \{/g)]
    .map((m) => m[1] ?? "")
    .filter((c) => c !== "code" && c !== "other");
}

describe("state labels", () => {
  const english = messagesFor("en").compute.states;
  it("reads in English exactly as the humanized code did (the e2e specs select by it)", () => {
    for (const [kind, message] of Object.entries(english)) {
      expect(codesOf(message).length, kind).toBeGreaterThan(3);
      for (const code of codesOf(message)) {
        const label = stateLabelOf(en, kind, code);
        expect(label, `${kind}.${code}`).toBe(humanize(code));
      }
    }
  });
  it("says every known code in Chinese", () => {
    expect(zh.states.instanceStatus("SHUTOFF")).toBe("已关机");
    expect(zh.states.instanceStatus("VERIFY_RESIZE")).toBe("待确认调整大小");
    expect(zh.states.imageStatus("active")).toBe("可用");
    for (const [kind, message] of Object.entries(english)) {
      for (const code of codesOf(message)) {
        expect(stateLabelOf(zh, kind, code), `${kind}.${code}`).toMatch(/\p{Script=Han}/u);
      }
    }
  });
  it("looks up Nova's hyphenated task states", () => {
    expect(en.states.taskState("powering-off")).toBe("Powering off");
    expect(zh.states.taskState("powering-off")).toBe("关机中");
    expect(zh.states.novaAction("live-migration")).toBe("热迁移");
  });
  it("falls back to the humanized code for a code it does not know", () => {
    expect(zh.states.instanceStatus("SOME_NEW_STATE")).toBe("Some new state");
  });
});

function stateLabelOf(t: InstanceActionTexts, kind: string, code: string): string {
  const labels: Record<string, (code: string) => string> = { ...t.states };
  const label = labels[kind];
  if (!label) throw new Error(`no label function for ${kind}`);
  return label(code);
}

describe("action texts", () => {
  it("words every menu item, with an ellipsis where a confirmation or form follows", () => {
    expect(MENU_ACTIONS.map((a) => actionMenuLabel(en, a))).toContain("Stop…");
    expect(actionMenuLabel(en, "unpause")).toBe("Unpause");
    expect(actionMenuLabel(zh, "hardReboot")).toBe("硬重启…");
  });
  it("says why an action does not apply", () => {
    expect(blockedReasonText(en, { kind: "notAvailable", status: "PAUSED" })).toBe(
      "Not available while Paused",
    );
    expect(blockedReasonText(en, { kind: "busy", taskState: "rebooting" })).toBe("Busy: Rebooting");
    expect(blockedReasonText(zh, { kind: "notAvailable", status: "PAUSED" })).toBe("实例已暂停时不可用");
    expect(blockedReasonText(zh, { kind: "alreadyLocked" })).toBe("已锁定");
  });
  it("names one instance or counts several in the confirmation, in both languages", () => {
    expect(en.t("confirmTitle", { action: "Reboot", count: 1 })).toBe("Reboot instance");
    expect(en.t("confirmTitle", { action: "Delete", count: 3 })).toBe("Delete 3 instances");
    expect(zh.t("confirmTitle", { action: "删除", count: 1 })).toBe("删除实例");
    expect(zh.t("confirmTitle", { action: "删除", count: 3 })).toBe("删除 3 个实例");
    expect(en.t("done.stop", { target: "web-1" })).toBe("Stopping web-1.");
  });
});
