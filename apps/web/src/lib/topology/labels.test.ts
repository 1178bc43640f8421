import { createTranslator } from "next-intl";
import { describe, expect, it } from "vitest";
import { messagesFor } from "../../i18n/catalog";
import type { Locale } from "../../i18n/locales";
import { makeTopologyFixture } from "./fixtures";
import { toGraphState } from "./graph-state";
import { statusLabel, topologyLabels } from "./labels";
import { indexPorts } from "./ports";

const translator = (locale: Locale) =>
  createTranslator({ locale, messages: messagesFor(locale), namespace: "topology" });

const state = toGraphState(makeTopologyFixture({ instances: 2, networks: 1, routers: 1 }));
const ports = indexPorts(state);
const vm = state.nodes.get("vm-0000");
if (!vm) throw new Error("the fixture has vm-0000");

describe("statusLabel", () => {
  it("says a status or task state as words, in each language, and a code it does not know humanized", () => {
    const en = translator("en");
    const zh = translator("zh-CN");
    expect(statusLabel(en, "ACTIVE")).toBe("Active");
    expect(statusLabel(en, "powering-off")).toBe("Powering off");
    expect(statusLabel(zh, "ACTIVE")).toBe("运行中");
    expect(statusLabel(zh, "SHUTOFF")).toBe("已关机");
    expect(statusLabel(zh, "spawning")).toBe("孵化中");
    expect(statusLabel(zh, "SOME_NEW_STATE")).toBe("Some new state");
  });
});

describe("topologyLabels", () => {
  it("describes a node for screen readers in Chinese, with Chinese punctuation", () => {
    const label = topologyLabels(translator("zh-CN")).node(vm, ports.byDevice.get(vm.id));
    expect(label).toMatch(/^实例 vm-0，状态 ACTIVE（运行中），地址 10\.0\.0\.10/);
  });

  it("names a port without an address in each language", () => {
    const edge = [...state.edges.values()][0];
    if (!edge) throw new Error("the fixture has ports");
    expect(topologyLabels(translator("en")).port(edge, "", "r1", "net1")).toBe(
      `Port without address joining r1 to net1, status ${edge.status}`,
    );
    expect(topologyLabels(translator("zh-CN")).port(edge, "", "r1", "net1")).toBe(
      `无地址的端口，连接 r1 与 net1，状态 ${edge.status}`,
    );
  });
});
