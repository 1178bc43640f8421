import { EventEmitter } from "node:events";

/**
 * In-process notice that a project's network graph changed through this
 * BFF (a network, router, port, floating IP or instance was created,
 * changed or deleted by a procedure). Topology streams of that project
 * re-read the cloud at once instead of waiting for their next poll;
 * changes made elsewhere (the CLI, another BFF) still arrive by polling.
 * Carries no data, so a listener can never learn more than "look again".
 */
const bus = new EventEmitter();
// One listener per open topology stream; the default cap of 10 would warn.
bus.setMaxListeners(0);

const ALL = "*";

/** Call after a mutation succeeds; `projectId` is the project whose resources changed. */
export function announceNetworkChange(projectId: string | undefined): void {
  if (projectId) bus.emit(projectId);
  bus.emit(ALL);
}

/**
 * Calls `listener` after changes in `projectId` (or in any project when
 * `projectId` is undefined, for admin views). Returns the unsubscribe function.
 */
export function onNetworkChange(projectId: string | undefined, listener: () => void): () => void {
  const key = projectId ?? ALL;
  bus.on(key, listener);
  return () => bus.off(key, listener);
}
