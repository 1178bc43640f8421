import { describe, expect, it } from "vitest";
import {
  ACTIONS,
  type ActionName,
  actionOfTask,
  availableActions,
  eventOfNovaAction,
  refusal,
} from "../src/actions.ts";
import { vmStateOfStatus } from "../src/states.ts";

const state = (vmState: string, taskState: string | null = null, locked = false) => ({
  vmState,
  taskState,
  locked,
});

describe("availableActions follows Nova's check_instance_state", () => {
  const cases: { title: string; s: ReturnType<typeof state>; admin?: boolean; want: ActionName[] }[] = [
    {
      title: "active",
      s: state("active"),
      want: [
        "stop",
        "reboot",
        "hardReboot",
        "pause",
        "suspend",
        "lock",
        "rebuild",
        "resize",
        "createImage",
        "delete",
      ],
    },
    {
      title: "stopped",
      s: state("stopped"),
      want: ["start", "hardReboot", "lock", "rebuild", "resize", "createImage", "delete"],
    },
    {
      title: "paused: no stop, no soft reboot, no suspend",
      s: state("paused"),
      want: ["hardReboot", "unpause", "lock", "createImage", "delete"],
    },
    {
      title: "suspended",
      s: state("suspended"),
      want: ["hardReboot", "resume", "lock", "createImage", "delete"],
    },
    {
      title: "error",
      s: state("error"),
      want: ["stop", "hardReboot", "lock", "rebuild", "delete"],
    },
    {
      title: "resized",
      s: state("resized"),
      want: ["lock", "confirmResize", "revertResize", "delete"],
    },
    { title: "building", s: state("building", "spawning"), want: ["lock", "delete"] },
    { title: "a task runs", s: state("active", "powering-off"), want: ["lock", "delete"] },
    {
      title: "a reboot runs: a hard reboot may interrupt it",
      s: state("active", "rebooting"),
      want: ["hardReboot", "lock", "delete"],
    },
    { title: "deleting", s: state("active", "deleting"), want: ["lock", "delete"] },
    {
      title: "locked, not admin: only unlock and snapshots",
      s: state("active", null, true),
      want: ["unlock", "createImage"],
    },
    {
      title: "locked, admin: everything the state allows",
      s: state("paused", null, true),
      admin: true,
      want: ["hardReboot", "unpause", "unlock", "createImage", "delete"],
    },
  ];
  for (const c of cases) {
    it(c.title, () => {
      expect(availableActions(c.s, c.admin ?? false)).toEqual(c.want);
    });
  }
});

describe("refusal names what Nova's 409 names", () => {
  it.each([
    ["stop", state("paused"), { reason: "vm_state", value: "paused" }],
    ["start", state("stopped", "powering-on"), { reason: "task_state", value: "powering-on" }],
    ["pause", state("active", null, true), { reason: "locked" }],
    ["lock", state("error", "deleting"), null],
  ] as const)("%s on %o", (name, s, want) => {
    expect(refusal(ACTIONS[name], s, false)).toEqual(want);
  });
});

describe("the table's other columns", () => {
  it("names each running task's action and event", () => {
    expect(actionOfTask("powering-off")?.nova).toBe("stop");
    expect(actionOfTask("rebooting_hard")?.event).toBe("compute_reboot_instance");
    expect(actionOfTask(null)).toBeUndefined();
    expect(eventOfNovaAction("create")).toBe("compute__do_build_and_run_instance");
    expect(eventOfNovaAction("lock")).toBeUndefined();
    expect(eventOfNovaAction("createImage")).toBe("compute_snapshot_instance");
  });

  it("gives every action with an agent task an event and a task state, and API-only ones neither", () => {
    for (const a of Object.values(ACTIONS)) {
      expect(a.event === null).toBe(a.agentTask === null);
      expect(a.taskState === null).toBe(a.agentTask === null);
    }
  });

  it("maps API statuses back to vm_states", () => {
    expect(vmStateOfStatus("SHUTOFF")).toBe("stopped");
    expect(vmStateOfStatus("verify_resize")).toBe("resized");
    expect(vmStateOfStatus("REBOOT")).toBeNull();
  });
});
