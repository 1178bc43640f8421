/**
 * The life of an agent process: every host agent it runs starts together;
 * SIGINT/SIGTERM stop them all cleanly (what they manage, guests or
 * networks, is never touched by a shutdown) and a second signal exits at once.
 */
import type { Logger } from "@zenith/core/logger";

export interface RunnableAgent {
  start(): Promise<void>;
  /** Idempotent; closes the agent's side only. */
  stop(): Promise<void>;
}

export async function runAgents(agents: RunnableAgent[], logger: Logger): Promise<void> {
  let stopping = false;
  const shutdown = async (signal: string): Promise<void> => {
    if (stopping) {
      logger.warn({ signal }, "second signal; exiting at once");
      process.exit(1);
    }
    stopping = true;
    logger.info({ signal }, "stopping");
    await Promise.allSettled(agents.map((a) => a.stop()));
    process.exit(0);
  };
  process.on("SIGINT", (s) => void shutdown(s));
  process.on("SIGTERM", (s) => void shutdown(s));

  try {
    await Promise.all(agents.map((a) => a.start()));
  } catch (err) {
    logger.fatal({ err }, "agent failed to start");
    process.exit(1);
  }
}
