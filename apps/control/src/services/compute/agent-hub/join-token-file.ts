import { renameSync } from "node:fs";
import { dirname } from "node:path";
import { writeSecretFile } from "@zenith/core/data-dir";
import type { Logger } from "@zenith/core/logger";
import type { AgentCredentials } from "./credentials.ts";

/** Long enough for a slow first start; refreshed well before it runs out. */
const FILE_TOKEN_TTL_S = 24 * 3600;
const REFRESH_MS = 6 * 3600 * 1000;

/**
 * The single-machine way to enrol (npm start, tests): the control plane
 * keeps one unused join token in `<dataDir>/agent-join-token` (0600). When
 * a host spends it, a fresh one replaces it before the enrolment answers,
 * so the next local host (one agent process may run several) finds an
 * unused token; it is also renewed before it expires. Whoever can read the
 * data folder can enrol a host, as whoever could read the old shared
 * agent-token file could act as any host; remote hosts get join tokens
 * from the admin API instead.
 */
export class JoinTokenFile {
  private currentId: string | null = null;
  private timer: NodeJS.Timeout | undefined;

  constructor(
    private readonly path: string,
    private readonly credentials: AgentCredentials,
    private readonly logger: Logger,
  ) {}

  async start(): Promise<void> {
    this.credentials.onJoinTokenSpent((id) => this.spent(id));
    await this.renew();
    this.timer = setInterval(() => {
      this.renew().catch((err: unknown) => this.logger.warn({ err }, "renewing the join token file failed"));
    }, REFRESH_MS);
    this.timer.unref();
  }

  stop(): void {
    clearInterval(this.timer);
  }

  /** After every enrolment: replaces the file when its token was the one spent. */
  private async spent(joinTokenId: string): Promise<void> {
    if (joinTokenId === this.currentId) await this.renew();
  }

  private async renew(): Promise<void> {
    const { id, token } = await this.credentials.issueJoinToken(FILE_TOKEN_TTL_S);
    // Atomic replace: an agent reading at the same moment sees the old token or the new one, never half.
    const temp = `${this.path}.${process.pid}.tmp`;
    writeSecretFile(dirname(this.path), temp, `${token}\n`);
    renameSync(temp, this.path);
    this.currentId = id;
  }
}
