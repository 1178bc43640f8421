import { createTranslator } from "next-intl";
import { describe, expect, it } from "vitest";
import { messagesFor } from "../../../../../i18n/catalog";
import {
  addNic,
  defaultNics,
  MAX_NICS,
  moveNic,
  type NicChoice,
  nicsProblem,
  portQuotaLine,
  quotaBlockedReason,
  removeNic,
  toLaunchNetworks,
} from "./network-selection";

// The rules' messages in English, as the portal shows them by default.
const t = createTranslator({ locale: "en", messages: messagesFor("en"), namespace: "compute.launch.rules" });

const net = (id: string): NicChoice => ({ kind: "network", id });
const port = (id: string): NicChoice => ({ kind: "port", id });

describe("defaultNics", () => {
  it("chooses the project's only network", () => {
    expect(defaultNics([{ id: "a", shared: false }])).toEqual([net("a")]);
  });
  it("ignores shared networks when the project has exactly one of its own", () => {
    expect(
      defaultNics([
        { id: "shared", shared: true },
        { id: "own", shared: false },
      ]),
    ).toEqual([net("own")]);
  });
  it("chooses nothing when there are several", () => {
    expect(
      defaultNics([
        { id: "a", shared: false },
        { id: "b", shared: false },
      ]),
    ).toEqual([]);
    expect(defaultNics([])).toEqual([]);
  });
  it("prefers the network named in the URL, when it is offered", () => {
    const nets = [
      { id: "a", shared: false },
      { id: "b", shared: false },
    ];
    expect(defaultNics(nets, "b")).toEqual([net("b")]);
    expect(defaultNics([{ id: "a", shared: false }], "gone")).toEqual([net("a")]);
  });
});

describe("ordering", () => {
  const list = [net("a"), net("b"), port("p")];
  it("moves up and down, and not past the ends", () => {
    expect(moveNic(list, 1, -1)).toEqual([net("b"), net("a"), port("p")]);
    expect(moveNic(list, 1, 1)).toEqual([net("a"), port("p"), net("b")]);
    expect(moveNic(list, 0, -1)).toEqual(list);
    expect(moveNic(list, 2, 1)).toEqual(list);
  });
  it("adds a network twice but a port once, up to the limit, and removes by position", () => {
    expect(addNic([net("a")], net("a"))).toEqual([net("a"), net("a")]);
    expect(addNic([port("p")], port("p"))).toEqual([port("p")]);
    const full = Array.from({ length: MAX_NICS }, (_, i) => net(String(i)));
    expect(addNic(full, net("x"))).toHaveLength(MAX_NICS);
    expect(removeNic(list, 1)).toEqual([net("a"), port("p")]);
  });
  it("sends the order as the BFF takes it", () => {
    expect(toLaunchNetworks([port("p"), net("a")])).toEqual([{ portId: "p" }, { networkId: "a" }]);
    expect(toLaunchNetworks([net("a")], true)).toBe("none");
  });
});

describe("problems and quota", () => {
  it("asks for a network, or says the project has none", () => {
    expect(nicsProblem([], 1, true, t)).toBe(
      "Choose at least one network or port, or launch without a network.",
    );
    expect(nicsProblem([], 1, false, t, true)).toBeNull();
    expect(nicsProblem([], 1, false, t)).toMatch(/create a network first/);
    expect(nicsProblem([net("a")], 3, true, t)).toBeNull();
  });
  it("refuses a port for several instances", () => {
    expect(nicsProblem([port("p")], 2, true, t)).toMatch(/one instance only/);
    expect(nicsProblem([port("p")], 1, true, t)).toBeNull();
  });
  it("blocks on the instance quota first", () => {
    expect(quotaBlockedReason({ used: 10, limit: 10 }, null, [net("a")], 1, t)).toMatch(/used up/);
    expect(quotaBlockedReason({ used: 8, limit: 10 }, null, [net("a")], 3, t)).toMatch(
      /allows 2 more, not 3/,
    );
    expect(quotaBlockedReason({ used: 0, limit: -1 }, null, [net("a")], 3, t)).toBeNull();
  });
  it("blocks when the chosen networks need more ports than are left", () => {
    const instances = { used: 0, limit: 10 };
    expect(quotaBlockedReason(instances, { used: 48, limit: 50 }, [net("a"), net("b")], 2, t)).toMatch(
      /needs 4 new ports and the port quota allows 2 more/,
    );
    // Existing ports need no new ones.
    expect(quotaBlockedReason(instances, { used: 50, limit: 50 }, [port("p")], 1, t)).toBeNull();
    expect(quotaBlockedReason(instances, { used: 50, limit: -1 }, [net("a")], 5, t)).toBeNull();
    // Without networking no port is made.
    expect(quotaBlockedReason(instances, { used: 50, limit: 50 }, [net("a")], 1, t, true)).toBeNull();
  });
  it("states port usage", () => {
    expect(portQuotaLine({ used: 4, limit: 50 }, 2, t)).toBe("4 of 50 ports used; this launch needs 2.");
    expect(portQuotaLine({ used: 4, limit: -1 }, 1, t)).toBe(
      "4 ports used, no port limit; this launch needs 1.",
    );
    expect(portQuotaLine(null, 1, t)).toMatch(/does not report/);
  });
});
