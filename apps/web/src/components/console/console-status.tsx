"use client";

import { clsx } from "clsx";
import { RefreshCw } from "lucide-react";
import { useTranslations } from "next-intl";
import type { ReactNode } from "react";
import { Button } from "@/components/ui/button";

export type ConsolePhase = "connecting" | "connected" | "disconnected";

/** The portal's own reasons (`compute.console.notices.<key>`), worded where they are shown. */
export type ConsoleNoticeKey =
  | "couldNotConnect"
  | "closedByConsole"
  | "connectionLost"
  | "refused"
  | "needsCredentials"
  | "terminalFailed";

/**
 * Why a console is not connected; `error` when it failed rather than closed. Either one of the
 * portal's reasons (`key`, with noVNC's `reason` for "refused"), or the server's own `text` shown
 * as it came (the BFF's message, the console's close reason).
 */
export type ConsoleNotice = ({ key: ConsoleNoticeKey; reason?: string } | { text: string }) & {
  error?: boolean;
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
  const t = useTranslations("compute.console");
  let noticeText: string | null = null;
  if (notice && "text" in notice) noticeText = notice.text;
  else if (notice?.key === "refused" && notice.reason) {
    noticeText = t("notices.refusedWithReason", { reason: notice.reason });
  } else if (notice) noticeText = t(`notices.${notice.key}`);
  return (
    <div className="flex flex-wrap items-center gap-x-3 gap-y-2 text-sm">
      <output className="flex min-w-0 flex-wrap items-center gap-x-3 gap-y-1">
        <span className="inline-flex items-center gap-2 font-medium">
          <span aria-hidden className={clsx("size-2 rounded-full", DOTS[phase])} />
          <span data-testid="console-status">{t(`phase.${phase}`)}</span>
        </span>
        {notice && phase === "disconnected" ? (
          <span className={notice.error ? "text-danger" : "text-fg-muted"}>{noticeText}</span>
        ) : null}
      </output>
      {phase === "disconnected" ? (
        <Button size="sm" onClick={onReconnect}>
          <RefreshCw size={14} aria-hidden /> {t("reconnect")}
        </Button>
      ) : null}
      {children ? <div className="ms-auto flex flex-wrap items-center gap-2">{children}</div> : null}
    </div>
  );
}
