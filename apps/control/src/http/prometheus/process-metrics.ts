import { collectDefaultMetrics, Registry } from "prom-client";

let shared: Registry | null = null;

/**
 * prom-client's process metrics (CPU, memory, heap, event loop lag, GC),
 * on a registry of their own, made once per process. They describe the
 * process, not one app; and each collectDefaultMetrics call starts an event
 * loop delay monitor and a GC observer that cannot be stopped, so a test
 * process that builds many apps must not start one per app.
 */
export function processMetrics(): Registry {
  if (shared) return shared;
  const registry = new Registry();
  collectDefaultMetrics({ register: registry });
  shared = registry;
  return registry;
}
