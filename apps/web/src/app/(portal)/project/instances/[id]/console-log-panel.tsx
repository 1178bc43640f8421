"use client";

import { ArrowDown, RefreshCw } from "lucide-react";
import { useTranslations } from "next-intl";
import { useEffect, useRef, useState } from "react";
import { TableError } from "@/components/data-table/table-states";
import { CheckboxField } from "@/components/form/checkbox-field";
import { Button } from "@/components/ui/button";
import { trpc } from "@/trpc/react";

const FOLLOW_INTERVAL_MS = 2000;
const LINES = 500;
/** Within this many pixels of the end counts as "at the end". */
const END_SLACK_PX = 24;

function isAtEnd(element: HTMLElement): boolean {
  return element.scrollHeight - element.scrollTop - element.clientHeight <= END_SLACK_PX;
}

// Instant, as terminals do: an animated scroll would pass through "not at the end" and stop following.
function scrollToEnd(element: HTMLElement): void {
  element.scrollTop = element.scrollHeight;
}

/**
 * The serial console output; "Follow" re-reads it every 2 s and keeps the end in view, unless the
 * reader scrolled up to read (then "Jump to latest" brings the end back and follows again).
 */
export function ConsoleLogPanel({ id }: { id: string }) {
  const t = useTranslations("compute.consoleLog");
  const [follow, setFollow] = useState(false);
  const log = trpc.compute.instances.consoleLog.useQuery(
    { id, lines: LINES },
    { refetchInterval: follow ? FOLLOW_INTERVAL_MS : false, staleTime: 0 },
  );
  const preRef = useRef<HTMLPreElement>(null);
  /** Whether the reader is at the end of the log (so following may scroll). */
  const atEndRef = useRef(true);
  const [scrolledAway, setScrolledAway] = useState(false);
  const output = log.data?.output;

  useEffect(() => {
    const pre = preRef.current;
    if (follow && pre && output !== undefined && atEndRef.current) scrollToEnd(pre);
  }, [follow, output]);

  const onScroll = () => {
    const pre = preRef.current;
    if (!pre) return;
    atEndRef.current = isAtEnd(pre);
    setScrolledAway(!atEndRef.current);
  };

  const jumpToLatest = () => {
    const pre = preRef.current;
    if (!pre) return;
    atEndRef.current = true;
    setScrolledAway(false);
    scrollToEnd(pre);
  };

  return (
    <div className="flex flex-col gap-3">
      <div className="flex flex-wrap items-center gap-4">
        <Button size="sm" onClick={() => void log.refetch()} busy={log.isFetching && !follow}>
          <RefreshCw size={14} aria-hidden /> {t("refresh")}
        </Button>
        <CheckboxField
          label={t("follow")}
          name="follow"
          checked={follow}
          onChange={(e) => {
            setFollow(e.target.checked);
            if (e.target.checked) jumpToLatest();
          }}
        />
        <span className="text-xs text-fg-muted">{t("lastLines", { count: LINES })}</span>
        {follow && scrolledAway ? (
          <Button size="sm" variant="ghost" onClick={jumpToLatest}>
            <ArrowDown size={14} aria-hidden /> {t("jumpToLatest")}
          </Button>
        ) : null}
      </div>
      {log.error && !log.data ? (
        <TableError error={log.error} onRetry={() => void log.refetch()} />
      ) : (
        <pre
          ref={preRef}
          onScroll={onScroll}
          role="log"
          aria-label={t("title")}
          aria-busy={log.isLoading || undefined}
          // biome-ignore lint/a11y/noNoninteractiveTabindex: a scrollable log must be reachable by keyboard to scroll it
          tabIndex={0}
          className="max-h-[60vh] min-h-48 overflow-auto rounded-lg border border-border bg-[#0f1216] p-3 font-mono text-xs leading-relaxed text-[#e7eaee]"
        >
          {log.isLoading ? t("loading") : output || t("noOutput")}
        </pre>
      )}
    </div>
  );
}
