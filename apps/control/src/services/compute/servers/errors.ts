import { ZenithError } from "@zenith/core/errors";

/** Nova's InstanceNotFound, also for other projects' servers so ids do not leak. */
export function serverNotFound(id: string): ZenithError {
  return ZenithError.notFound(`Instance ${id} could not be found.`);
}

/** Nova's InstanceInvalidState as the API renders it (409 conflictingRequest). */
export function invalidState(
  action: string,
  id: string,
  attr: "vm_state" | "task_state",
  state: string | null,
) {
  return new ZenithError(
    "CONFLICT",
    `Cannot '${action}' instance ${id} while it is in ${attr} ${state ?? "None"}`,
  );
}

/** Nova's InstanceIsLocked. */
export function instanceLocked(id: string): ZenithError {
  return new ZenithError("CONFLICT", `Instance ${id} is locked`);
}

/** The fault Nova records when scheduling fails (NoValidHost). */
export const NO_VALID_HOST = "No valid host was found. There are not enough hosts available.";
