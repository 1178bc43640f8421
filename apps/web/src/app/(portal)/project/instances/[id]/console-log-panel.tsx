"use client";

import { RefreshCw } from "lucide-react";
import { useEffect, useRef, useState } from "react";
import { TableError } from "@/components/data-table/table-states";
import { CheckboxField } from "@/components/form/checkbox-field";
import { Button } from "@/components/ui/button";
import { trpc } from "@/trpc/react";

const FOLLOW_INTERVAL_MS = 2000;
const LINES = 500;

/** The serial console output; "Follow" re-reads it every 2 s and keeps the end in view. */
export function ConsoleLogPanel({ id }: { id: string }) {
  const [follow, setFollow] = useState(false);
  const log = trpc.compute.instances.consoleLog.useQuery(
    { id, lines: LINES },
    { refetchInterval: follow ? FOLLOW_INTERVAL_MS : false, staleTime: 0 },
  );
  const preRef = useRef<HTMLPreElement>(null);
  const output = log.data?.output;

  useEffect(() => {
    const pre = preRef.current;
    if (follow && pre && output !== undefined) pre.scrollTop = pre.scrollHeight;
  }, [follow, output]);

  return (
    <div className="flex flex-col gap-3">
      <div className="flex flex-wrap items-center gap-4">
        <Button size="sm" onClick={() => void log.refetch()} busy={log.isFetching && !follow}>
          <RefreshCw size={14} aria-hidden /> Refresh
        </Button>
        <CheckboxField
          label="Follow (refresh every 2 s)"
          name="follow"
          checked={follow}
          onChange={(e) => setFollow(e.target.checked)}
        />
        <span className="text-xs text-fg-muted">Last {LINES} lines</span>
      </div>
      {log.error && !log.data ? (
        <TableError error={log.error} onRetry={() => void log.refetch()} />
      ) : (
        <pre
          ref={preRef}
          role="log"
          aria-label="Console log"
          aria-busy={log.isLoading || undefined}
          // biome-ignore lint/a11y/noNoninteractiveTabindex: a scrollable log must be reachable by keyboard to scroll it
          tabIndex={0}
          className="max-h-[60vh] min-h-48 overflow-auto rounded-lg border border-border bg-[#0f1216] p-3 font-mono text-xs leading-relaxed text-[#e7eaee]"
        >
          {log.isLoading ? "Loading…" : output || "The console has no output yet."}
        </pre>
      )}
    </div>
  );
}
