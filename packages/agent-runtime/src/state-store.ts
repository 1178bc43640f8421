/**
 * An agent's memory across its own restarts: per resource (an instance, a
 * network, a volume), the last desired state and what has been applied.
 * Small JSON, written atomically (temp file, fsync, rename), so a crash
 * leaves either the old or the new file, never half of one. The agent
 * supplies the schema of one record; the file is
 * `{"version": 1, "instances": {<id>: <record>}}` (the key predates other
 * kinds of resources and stays, so existing state files keep loading).
 */
import { mkdir, open, readFile, rename } from "node:fs/promises";
import { dirname } from "node:path";
import type { Logger } from "@zenith/core/logger";
import { z } from "zod";
import { parseJson } from "./json.ts";

export class StateStore<R> {
  private writing: Promise<void> = Promise.resolve();
  private queued: Promise<void> | undefined;
  private seq = 0;
  private readonly schema: z.ZodType<{ version: 1; instances: Record<string, R> }>;

  constructor(
    private readonly file: string,
    private readonly log: Logger,
    record: z.ZodType<R>,
  ) {
    this.schema = z.object({ version: z.literal(1), instances: z.record(z.string(), record) });
  }

  async load(): Promise<Map<string, R>> {
    let text: string;
    try {
      text = await readFile(this.file, "utf8");
    } catch (err) {
      if (err instanceof Error && "code" in err && err.code === "ENOENT") return new Map();
      throw err;
    }
    const parsed = this.schema.safeParse(parseJson(text));
    if (parsed.success) return new Map(Object.entries(parsed.data.instances));
    // An unreadable file must not stop the agent; adoption (counters taken as applied) is the safe fallback.
    const aside = `${this.file}.corrupt-${Date.now()}`;
    await rename(this.file, aside);
    this.log.error({ file: aside }, "state file unreadable, moved aside; starting without it");
    return new Map();
  }

  /**
   * Persists `snapshot()` as taken when the write starts. Calls made while a
   * write waits share it, so a burst of changes costs one write, and a
   * caller's change is on disk when its promise resolves.
   */
  save(snapshot: () => Map<string, R>): Promise<void> {
    if (this.queued) return this.queued;
    const next = this.writing
      .catch(() => {})
      .then(() => {
        this.queued = undefined;
        return this.write(snapshot());
      });
    this.queued = next;
    this.writing = next;
    return next;
  }

  private async write(records: Map<string, R>): Promise<void> {
    const body = JSON.stringify({ version: 1, instances: Object.fromEntries(records) });
    await mkdir(dirname(this.file), { recursive: true });
    this.seq += 1;
    const temp = `${this.file}.${process.pid}.${this.seq}.tmp`;
    const handle = await open(temp, "w", 0o600);
    try {
      await handle.writeFile(body);
      await handle.datasync();
    } finally {
      await handle.close();
    }
    await rename(temp, this.file);
  }
}
