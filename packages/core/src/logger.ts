import { type Logger, pino } from "pino";

export type { Logger };

/**
 * The one way Zenith processes log: pino JSON on stdout. `LOG_LEVEL`
 * is read by the caller's env schema and passed in.
 */
export function createLogger(name: string, level = "info"): Logger {
  return pino({
    name,
    level,
    base: { service: name },
    timestamp: pino.stdTimeFunctions.isoTime,
    redact: {
      paths: [
        "req.headers['x-auth-token']",
        "req.headers['x-subject-token']",
        "req.headers.cookie",
        "req.headers.authorization",
        "*.password",
        "*.secret",
      ],
      censor: "[redacted]",
    },
  });
}
