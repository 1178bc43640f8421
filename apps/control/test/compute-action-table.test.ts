import { ACTION_NAMES, ACTIONS, type ActionName, refusal } from "@zenith/compute-actions/actions";
import { TaskState, VmState } from "@zenith/compute-actions/states";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  type ComputeTestEnv,
  createServer,
  FakeAgent,
  FLAVORS,
  seed,
  startCompute,
  waitForStatus,
} from "./compute-servers-harness.ts";

/** The states each action is tried in: every vm_state an instance can show, with and without a task. */
const VM_STATES = [
  VmState.ACTIVE,
  VmState.STOPPED,
  VmState.PAUSED,
  VmState.SUSPENDED,
  VmState.RESIZED,
  VmState.ERROR,
  VmState.BUILDING,
];
const TASK_STATES = [
  null,
  TaskState.REBOOTING,
  TaskState.REBOOTING_HARD,
  TaskState.POWERING_OFF,
  TaskState.PAUSING,
  TaskState.IMAGE_SNAPSHOT,
  TaskState.RESIZE_PREP,
  TaskState.DELETING,
];

describe("every server action's API answer agrees with the shared action table", () => {
  let env: ComputeTestEnv;
  let agent: FakeAgent;
  let imageId: string;
  let id: string;
  let original: { flavor: unknown; flavorId: string };

  beforeAll(async () => {
    env = await startCompute("action-table");
    ({ imageId } = await seed(env));
    agent = new FakeAgent({ host: "cmp-1" }, env.control.url);
    await agent.connect();
    const res = await createServer(env, { name: "table", imageRef: imageId, flavorRef: FLAVORS.small.id });
    id = res.body.server.id;
    await waitForStatus(env, id, "ACTIVE");
    // From here on the agent converges nothing: the test sets each state itself.
    agent.hold();
    const row = await env.control.running.db.prisma.instance.findUniqueOrThrow({ where: { id } });
    original = { flavor: row.flavor, flavorId: row.flavorId };
  });
  afterAll(async () => {
    await agent?.close();
    await env?.close();
  });

  function body(action: Exclude<ActionName, "delete">): Record<string, unknown> {
    switch (action) {
      case "start":
        return { "os-start": null };
      case "stop":
        return { "os-stop": null };
      case "reboot":
        return { reboot: { type: "SOFT" } };
      case "hardReboot":
        return { reboot: { type: "HARD" } };
      case "rebuild":
        return { rebuild: { imageRef: imageId } };
      case "resize":
        return { resize: { flavorRef: FLAVORS.medium.id } };
      case "createImage":
        return { createImage: { name: "table-snapshot" } };
      default:
        return { [action]: null };
    }
  }

  async function setState(vmState: string, taskState: string | null): Promise<void> {
    await env.control.running.db.prisma.instance.update({
      where: { id },
      data: {
        vmState,
        taskState,
        locked: false,
        lockedBy: null,
        lockedReason: null,
        flavor: original.flavor ?? {},
        flavorId: original.flavorId,
        // A revert needs the flavor it goes back to.
        oldFlavor: original.flavor ?? {},
      },
    });
  }

  async function call(action: ActionName): Promise<number> {
    if (action === "delete") return (await env.api("DELETE", `servers/${id}`)).status;
    return (await env.api("POST", `servers/${id}/action`, { body: body(action) })).status;
  }

  // Delete ends the instance, so it runs last.
  const ordered = [...ACTION_NAMES.filter((a) => a !== "delete"), "delete" as const];
  for (const action of ordered) {
    it(`${action}: 409 exactly where the table refuses it`, async () => {
      const mismatches: string[] = [];
      for (const vmState of VM_STATES) {
        for (const taskState of TASK_STATES) {
          const refused = refusal(ACTIONS[action], { vmState, taskState, locked: false }, false) !== null;
          // A delete that is accepted ends the instance: only a repeated one (deleting) can be tried here.
          if (action === "delete" && !refused && taskState !== TaskState.DELETING) continue;
          await setState(vmState, taskState);
          const status = await call(action);
          const ok = refused ? status === 409 : status >= 200 && status < 300;
          if (!ok)
            mismatches.push(`${vmState}/${taskState}: ${status}, table ${refused ? "refuses" : "allows"}`);
        }
      }
      if (action === "delete") {
        await setState(VmState.ACTIVE, null);
        expect(await call("delete")).toBe(204);
      }
      expect(mismatches).toEqual([]);
    }, 240_000);
  }
});
