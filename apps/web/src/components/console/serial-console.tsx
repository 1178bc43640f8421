"use client";

import "@xterm/xterm/css/xterm.css";
import type { IDisposable, ITheme, Terminal } from "@xterm/xterm";
import { Check, Copy } from "lucide-react";
import { useTranslations } from "next-intl";
import { useCallback, useEffect, useRef, useState } from "react";
import { Button } from "@/components/ui/button";
import { useErrorMessage } from "@/lib/use-error-message";
import { type ConsoleNotice, type ConsolePhase, ConsoleStatus } from "./console-status";
import {
  type ColorScheme,
  consoleErrorMessage,
  LEAVE_CONSOLE_KEY,
  readColorScheme,
  useColorScheme,
  useRemoteConsole,
} from "./use-remote-console";

const TERMINAL_THEMES: Record<ColorScheme, ITheme> = {
  dark: {
    background: "#0f1216",
    foreground: "#e7eaee",
    cursor: "#7fa4ff",
    cursorAccent: "#0f1216",
    selectionBackground: "rgba(127, 164, 255, 0.4)",
    selectionInactiveBackground: "rgba(127, 164, 255, 0.25)",
    black: "#2e3540",
    red: "#ff8a80",
    green: "#6fd6a0",
    yellow: "#f3c969",
    blue: "#7fa4ff",
    magenta: "#d7a6ff",
    cyan: "#6fd3e0",
    white: "#c9ced6",
    brightBlack: "#6b7585",
    brightRed: "#ffb3ab",
    brightGreen: "#9ee8bf",
    brightYellow: "#ffe08f",
    brightBlue: "#a9c2ff",
    brightMagenta: "#e6c6ff",
    brightCyan: "#9be6ef",
    brightWhite: "#ffffff",
  },
  light: {
    background: "#ffffff",
    foreground: "#161a1f",
    cursor: "#2454c5",
    cursorAccent: "#ffffff",
    selectionBackground: "rgba(36, 84, 197, 0.3)",
    selectionInactiveBackground: "rgba(36, 84, 197, 0.18)",
    black: "#161a1f",
    red: "#b42318",
    green: "#17794a",
    yellow: "#8a5a00",
    blue: "#2454c5",
    magenta: "#8e3fb5",
    cyan: "#0f7285",
    white: "#6e7781",
    brightBlack: "#56606d",
    brightRed: "#d03a2f",
    brightGreen: "#1f9a5f",
    brightYellow: "#a66f00",
    brightBlue: "#3b6fe0",
    brightMagenta: "#a457cf",
    brightCyan: "#138aa0",
    brightWhite: "#8c959f",
  },
};

const FONT_FAMILY = 'ui-monospace, SFMono-Regular, Menlo, Consolas, "Liberation Mono", monospace';
const COPIED_FEEDBACK_MS = 2000;

async function writeClipboard(text: string): Promise<boolean> {
  try {
    await navigator.clipboard.writeText(text);
    return true;
  } catch {
    // No async clipboard (plain http, permissions): the legacy copy command still works on a user gesture.
    const area = document.createElement("textarea");
    area.value = text;
    area.setAttribute("readonly", "");
    area.style.position = "fixed";
    area.style.opacity = "0";
    document.body.append(area);
    area.select();
    const ok = document.execCommand("copy");
    area.remove();
    return ok;
  }
}

/** xterm's binary strings carry one byte per character (mouse reports in legacy encodings). */
function binaryStringBytes(data: string): Uint8Array {
  return Uint8Array.from(data, (char) => char.charCodeAt(0) & 0xff);
}

/**
 * The instance's serial console in xterm.js: keystrokes go to the guest, its bytes come back, the
 * terminal fits its container. Mount it only while it is shown: it connects on mount (with a new
 * console each time) and disconnects on unmount.
 */
export function SerialConsole({ instanceId }: { instanceId: string }) {
  const t = useTranslations("compute.console");
  const tCommon = useTranslations("common");
  // Read inside the connection effect, which must not reconnect when the language changes.
  const tRef = useRef(t);
  tRef.current = t;
  const errorMessageOf = useErrorMessage();
  const messageOfRef = useRef(errorMessageOf);
  messageOfRef.current = errorMessageOf;
  const requestConsole = useRemoteConsole(instanceId);
  const scheme = useColorScheme();
  const regionRef = useRef<HTMLElement>(null);
  const hostRef = useRef<HTMLDivElement>(null);
  const [terminal, setTerminal] = useState<Terminal | null>(null);
  const [attempt, setAttempt] = useState(0);
  const [phase, setPhase] = useState<ConsolePhase>("connecting");
  const [notice, setNotice] = useState<ConsoleNotice | null>(null);
  const [hasSelection, setHasSelection] = useState(false);
  const [copied, setCopied] = useState(false);
  const [size, setSize] = useState<{ cols: number; rows: number } | null>(null);
  const copiedTimer = useRef<number | undefined>(undefined);

  const copySelection = useCallback(async (term: Terminal) => {
    const text = term.getSelection();
    if (!text) return;
    const ok = await writeClipboard(text);
    setCopied(ok);
    window.clearTimeout(copiedTimer.current);
    copiedTimer.current = window.setTimeout(() => setCopied(false), COPIED_FEEDBACK_MS);
  }, []);

  useEffect(() => () => window.clearTimeout(copiedTimer.current), []);

  // The terminal: created once, on the client only (xterm needs the DOM).
  useEffect(() => {
    const host = hostRef.current;
    if (!host) return;
    let disposed = false;
    let dispose = () => {};
    Promise.all([import("@xterm/xterm"), import("@xterm/addon-fit")])
      .then(([{ Terminal: XTerm }, { FitAddon }]) => {
        if (disposed) return;
        const term = new XTerm({
          cursorBlink: true,
          fontFamily: FONT_FAMILY,
          fontSize: 14,
          scrollback: 5000,
          theme: TERMINAL_THEMES[readColorScheme()],
        });
        const fit = new FitAddon();
        term.loadAddon(fit);
        term.open(host);
        fit.fit();
        setSize({ cols: term.cols, rows: term.rows });
        let frame = 0;
        const observer = new ResizeObserver(() => {
          cancelAnimationFrame(frame);
          frame = requestAnimationFrame(() => fit.fit());
        });
        observer.observe(host);
        const subscriptions = [
          term.onResize(({ cols, rows }) => setSize({ cols, rows })),
          term.onSelectionChange(() => setHasSelection(term.hasSelection())),
        ];
        term.attachCustomKeyEventHandler((event) => {
          if (event.ctrlKey && event.shiftKey && !event.altKey && event.code === "KeyC") {
            // Ctrl+Shift+C copies (Ctrl+C stays the guest's interrupt).
            if (event.type === "keydown") {
              event.preventDefault();
              void copySelection(term);
            }
            return false;
          }
          // Ctrl+Shift+V: leave it to the browser, whose paste event xterm turns into input.
          if (event.ctrlKey && event.shiftKey && !event.altKey && event.code === "KeyV") return false;
          if (event.key === LEAVE_CONSOLE_KEY) {
            if (event.type === "keydown") {
              event.preventDefault();
              regionRef.current?.focus();
            }
            return false;
          }
          return true;
        });
        term.focus();
        setTerminal(term);
        dispose = () => {
          cancelAnimationFrame(frame);
          observer.disconnect();
          for (const subscription of subscriptions) subscription.dispose();
          term.dispose();
        };
      })
      .catch((error: unknown) => {
        if (disposed) return;
        console.error("Could not start the terminal", error);
        setPhase("disconnected");
        setNotice({ key: "terminalFailed", error: true });
      });
    return () => {
      disposed = true;
      dispose();
      setTerminal(null);
    };
  }, [copySelection]);

  useEffect(() => {
    if (terminal) terminal.options.theme = TERMINAL_THEMES[scheme];
  }, [terminal, scheme]);

  // The connection: a new console per attempt (tokens are single-use), closed on unmount.
  // biome-ignore lint/correctness/useExhaustiveDependencies: `attempt` only asks for a new connection
  useEffect(() => {
    if (!terminal) return;
    let closed = false;
    let socket: WebSocket | null = null;
    const subscriptions: IDisposable[] = [];
    const send = (bytes: Uint8Array) => {
      if (socket?.readyState === WebSocket.OPEN) socket.send(bytes);
    };
    const encoder = new TextEncoder();
    const connect = async () => {
      try {
        const remote = await requestConsole("serial");
        if (closed) return;
        let opened = false;
        const ws = new WebSocket(remote.websocketUrl);
        socket = ws;
        ws.binaryType = "arraybuffer";
        ws.onopen = () => {
          if (closed) return;
          opened = true;
          setPhase("connected");
          setNotice(null);
          const active = document.activeElement;
          if (!active || active === document.body || regionRef.current?.contains(active)) terminal.focus();
        };
        ws.onmessage = (event: MessageEvent<unknown>) => {
          if (closed) return;
          if (typeof event.data === "string") terminal.write(event.data);
          else if (event.data instanceof ArrayBuffer) terminal.write(new Uint8Array(event.data));
        };
        ws.onclose = (event) => {
          if (closed) return;
          setPhase("disconnected");
          if (!opened) {
            setNotice({ key: "couldNotConnect", error: true });
            return;
          }
          setNotice(event.reason ? { text: event.reason } : { key: "closedByConsole" });
          terminal.write(`\r\n\x1b[2m${tRef.current("disconnectedMarker")}\x1b[0m\r\n`);
        };
        subscriptions.push(
          terminal.onData((data) => send(encoder.encode(data))),
          terminal.onBinary((data) => send(binaryStringBytes(data))),
        );
      } catch (error) {
        if (closed) return;
        setPhase("disconnected");
        setNotice({ text: consoleErrorMessage(error, messageOfRef.current), error: true });
      }
    };
    void connect();
    return () => {
      closed = true;
      for (const subscription of subscriptions) subscription.dispose();
      socket?.close();
    };
  }, [terminal, attempt, requestConsole]);

  const reconnect = () => {
    setPhase("connecting");
    setNotice(null);
    setAttempt((n) => n + 1);
  };

  return (
    <section
      ref={regionRef}
      aria-label={t("serialTitle")}
      tabIndex={-1}
      className="flex flex-col gap-3 rounded-lg focus-visible:outline-2 focus-visible:outline-ring"
    >
      <ConsoleStatus phase={phase} notice={notice} onReconnect={reconnect}>
        {size ? (
          <span className="text-xs text-fg-muted tabular-nums">
            {size.cols}×{size.rows}
          </span>
        ) : null}
        <Button
          size="sm"
          disabled={!hasSelection}
          onClick={() => {
            if (!terminal) return;
            void copySelection(terminal).then(() => terminal.focus());
          }}
          title={t("copyTitle")}
        >
          {copied ? <Check size={14} aria-hidden /> : <Copy size={14} aria-hidden />}
          <span aria-live="polite">{copied ? tCommon("copied") : t("copySelection")}</span>
        </Button>
      </ConsoleStatus>
      <div
        data-testid="serial-console"
        className="h-[60vh] min-h-64 overflow-hidden rounded-lg border border-border bg-[#ffffff] p-2 focus-within:outline-2 focus-within:outline-ring dark:bg-[#0f1216]"
      >
        <div ref={hostRef} className="h-full w-full" />
      </div>
      <p className="text-xs text-fg-muted">{t("serialHint", { key: LEAVE_CONSOLE_KEY })}</p>
    </section>
  );
}
