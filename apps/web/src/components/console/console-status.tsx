"use client";

import { clsx } from "clsx";
import { RefreshCw } from "lucide-react";
import type { ReactNode } from "react";
import { Button } from "@/components/ui/button";

export type ConsolePhase = "connecting" | "connected" | "disconnected";

/** Why a console is not connected; `error` when it failed rather than closed. */
export interface ConsoleNotice {
  text: string;
  error?: boolean;
}

const LABELS: Record<ConsolePhase, string> = {
  connecting: "Connecting…",
  connected: "Connected",
  disconnected: "Disconnected",
};

const DOTS: Record<ConsolePhase, string> = {
  connecting: "bg-warning animate-pulse",
  connected: "bg-success",
  disconnected: "bg-fg-muted",
};

interface ConsoleStatusProps {
  phase: ConsolePhase;
  notice: ConsoleNotice | null;
  onReconnect: () => void;
  /** The console's own tools, on the right. */
  children?: ReactNode;
}

/** "Connecting…/Connected/Disconnected", why it closed, Reconnect, then the console's tools. */
export function ConsoleStatus({ phase, notice, onReconnect, children }: ConsoleStatusProps) {
  return (
    <div className="flex flex-wrap items-center gap-x-3 gap-y-2 text-sm">
      <output className="flex min-w-0 flex-wrap items-center gap-x-3 gap-y-1">
        <span className="inline-flex items-center gap-2 font-medium">
          <span aria-hidden className={clsx("size-2 rounded-full", DOTS[phase])} />
          <span data-testid="console-status">{LABELS[phase]}</span>
        </span>
        {notice && phase === "disconnected" ? (
          <span className={notice.error ? "text-danger" : "text-fg-muted"}>{notice.text}</span>
        ) : null}
      </output>
      {phase === "disconnected" ? (
        <Button size="sm" onClick={onReconnect}>
          <RefreshCw size={14} aria-hidden /> Reconnect
        </Button>
      ) : null}
      {children ? <div className="ms-auto flex flex-wrap items-center gap-2">{children}</div> : null}
    </div>
  );
}
