import type { Prisma } from "@zenith/db/client";
import type { Caller } from "./caller.ts";
import { type TransitionDeps, transition } from "./transition.ts";

export interface UpdateServerInput {
  name?: string | undefined;
  description?: string | null | undefined;
  accessIPv4?: string | undefined;
  accessIPv6?: string | undefined;
}

/** PUT /servers/{id}: Nova checks neither lock nor state here. */
export async function updateServer(
  deps: TransitionDeps,
  caller: Caller,
  id: string,
  input: UpdateServerInput,
) {
  const data: Prisma.InstanceUpdateManyMutationInput = {};
  if (input.name !== undefined) data.name = input.name;
  if (input.description !== undefined) data.description = input.description;
  if (input.accessIPv4 !== undefined) data.accessIpV4 = input.accessIPv4;
  if (input.accessIPv6 !== undefined) data.accessIpV6 = input.accessIPv6;
  await transition(deps, caller, id, {
    rule: { nova: "update", vmStates: "any", taskStates: "any", checkLock: false },
    record: false,
    // The name is part of the agent's record.
    desired: input.name !== undefined,
    data: () => data,
  });
}
