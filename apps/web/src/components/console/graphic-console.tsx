"use client";

import type RFB from "@novnc/novnc/lib/rfb";
import { clsx } from "clsx";
import { ExternalLink, Maximize, Minimize } from "lucide-react";
import { useTranslations } from "next-intl";
import { useEffect, useRef, useState } from "react";
import { useToast } from "@/components/toast/toast-provider";
import { Button } from "@/components/ui/button";
import { useErrorMessage } from "@/lib/use-error-message";
import { type ConsoleNotice, type ConsolePhase, ConsoleStatus } from "./console-status";
import { CTRL_ALT_DEL, type KeyCombo, KeyMenu } from "./key-menu";
import { consoleErrorMessage, LEAVE_CONSOLE_KEY, useRemoteConsole } from "./use-remote-console";

function sendCombo(rfb: RFB, combo: KeyCombo): void {
  for (const key of combo.keys) rfb.sendKey(key.keysym, key.code, true);
  for (const key of [...combo.keys].reverse()) rfb.sendKey(key.keysym, key.code, false);
}

/** Lets React's development double mount pass before spending a (single-use) console token. */
const CONNECT_DELAY_MS = 0;

/**
 * The instance's graphic console in noVNC, scaled to its container. Mount it only while it is
 * shown: it connects on mount (with a new console each time) and disconnects on unmount.
 */
export function GraphicConsole({ instanceId }: { instanceId: string }) {
  const t = useTranslations("compute.console");
  const errorMessageOf = useErrorMessage();
  // Read inside the connection effect, which must not reconnect when the language changes.
  const messageOfRef = useRef(errorMessageOf);
  messageOfRef.current = errorMessageOf;
  const requestConsole = useRemoteConsole(instanceId);
  const toast = useToast();
  const regionRef = useRef<HTMLElement>(null);
  const screenRef = useRef<HTMLDivElement>(null);
  const [rfb, setRfb] = useState<RFB | null>(null);
  const [attempt, setAttempt] = useState(0);
  const [phase, setPhase] = useState<ConsolePhase>("connecting");
  const [notice, setNotice] = useState<ConsoleNotice | null>(null);
  const [fullscreen, setFullscreen] = useState(false);
  const [opening, setOpening] = useState(false);

  // The connection: a new console per attempt (tokens are single-use), closed on unmount.
  // noVNC uses browser globals, so it is loaded here, on the client only.
  // biome-ignore lint/correctness/useExhaustiveDependencies: `attempt` only asks for a new connection
  useEffect(() => {
    const screen = screenRef.current;
    if (!screen) return;
    let closed = false;
    let client: RFB | null = null;
    const connect = async () => {
      try {
        const [remote, { default: NoVnc }] = await Promise.all([
          requestConsole("novnc"),
          import("@novnc/novnc"),
        ]);
        if (closed) return;
        let connected = false;
        const rfbClient = new NoVnc(screen, remote.websocketUrl, { shared: true });
        client = rfbClient;
        rfbClient.scaleViewport = true;
        rfbClient.resizeSession = false;
        rfbClient.background = "var(--surface-muted)";
        rfbClient.addEventListener("connect", () => {
          if (closed) return;
          connected = true;
          setPhase("connected");
          setNotice(null);
          // The canvas is only click-focusable: let the keyboard reach it too.
          const canvas = screen.querySelector("canvas");
          if (canvas) canvas.tabIndex = 0;
        });
        rfbClient.addEventListener("disconnect", (event) => {
          if (closed) return;
          setRfb(null);
          setPhase("disconnected");
          setNotice((current) => {
            if (current) return current;
            if (!connected) return { key: "couldNotConnect", error: true };
            return event.detail.clean ? { key: "closedByConsole" } : { key: "connectionLost", error: true };
          });
        });
        rfbClient.addEventListener("securityfailure", (event) => {
          if (closed) return;
          setNotice({ key: "refused", reason: event.detail.reason || undefined, error: true });
        });
        rfbClient.addEventListener("credentialsrequired", () => {
          if (closed) return;
          setNotice({ key: "needsCredentials", error: true });
          rfbClient.disconnect();
        });
        setRfb(rfbClient);
      } catch (error) {
        if (closed) return;
        setPhase("disconnected");
        setNotice({ text: consoleErrorMessage(error, messageOfRef.current), error: true });
      }
    };
    const timer = window.setTimeout(() => void connect(), CONNECT_DELAY_MS);
    return () => {
      closed = true;
      window.clearTimeout(timer);
      client?.disconnect();
      setRfb(null);
    };
  }, [attempt, requestConsole]);

  // noVNC takes every key (Tab included) while its canvas has focus: F6 moves focus out.
  useEffect(() => {
    const screen = screenRef.current;
    if (!screen) return;
    const onKeyDown = (event: KeyboardEvent) => {
      if (event.key !== LEAVE_CONSOLE_KEY) return;
      event.preventDefault();
      event.stopPropagation();
      regionRef.current?.focus();
    };
    screen.addEventListener("keydown", onKeyDown, true);
    return () => screen.removeEventListener("keydown", onKeyDown, true);
  }, []);

  useEffect(() => {
    const onChange = () => setFullscreen(document.fullscreenElement === regionRef.current);
    document.addEventListener("fullscreenchange", onChange);
    return () => document.removeEventListener("fullscreenchange", onChange);
  }, []);

  const reconnect = () => {
    setPhase("connecting");
    setNotice(null);
    setAttempt((n) => n + 1);
  };

  const send = (combo: KeyCombo) => {
    if (!rfb) return;
    sendCombo(rfb, combo);
    rfb.focus();
  };

  const toggleFullscreen = () => {
    const region = regionRef.current;
    if (!region) return;
    const change = document.fullscreenElement ? document.exitFullscreen() : region.requestFullscreen();
    change.then(
      () => rfb?.focus(),
      () => toast.show(t("fullscreenUnavailable"), "error"),
    );
  };

  // A separate console (its own single-use token) in Nova's noVNC page.
  const openInNewWindow = async () => {
    setOpening(true);
    try {
      const remote = await requestConsole("novnc");
      window.open(remote.url, "_blank", "noopener");
    } catch (error) {
      toast.show(consoleErrorMessage(error, errorMessageOf), "error");
    } finally {
      setOpening(false);
    }
  };

  const connected = phase === "connected" && rfb !== null;

  return (
    <section
      ref={regionRef}
      aria-label={t("graphicTitle")}
      tabIndex={-1}
      className={clsx(
        "flex flex-col gap-3 rounded-lg focus-visible:outline-2 focus-visible:outline-ring",
        fullscreen && "h-full bg-bg p-3",
      )}
    >
      <ConsoleStatus phase={phase} notice={notice} onReconnect={reconnect}>
        <Button size="sm" disabled={!connected} onClick={() => send(CTRL_ALT_DEL)}>
          {t("sendCombo", { combo: CTRL_ALT_DEL.label })}
        </Button>
        <KeyMenu disabled={!connected} onSend={send} />
        <Button size="sm" onClick={toggleFullscreen}>
          {fullscreen ? <Minimize size={14} aria-hidden /> : <Maximize size={14} aria-hidden />}
          {fullscreen ? t("exitFullscreen") : t("fullscreen")}
        </Button>
        <Button size="sm" onClick={() => void openInNewWindow()} busy={opening}>
          <ExternalLink size={14} aria-hidden /> {t("openInNewWindow")}
        </Button>
      </ConsoleStatus>
      <div
        ref={screenRef}
        data-testid="graphic-console"
        className={clsx(
          "overflow-hidden rounded-lg border border-border bg-surface-muted focus-within:outline-2 focus-within:outline-ring",
          fullscreen ? "min-h-0 flex-1" : "h-[65vh] min-h-80",
        )}
      />
      <p className="text-xs text-fg-muted">{t("graphicHint", { key: LEAVE_CONSOLE_KEY })}</p>
    </section>
  );
}
