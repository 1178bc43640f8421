"use client";

import * as Collapsible from "@radix-ui/react-collapsible";
import { clsx } from "clsx";
import { ChevronDown, ChevronRight, SquareTerminal } from "lucide-react";
import { useTranslations } from "next-intl";
import { type ReactNode, useEffect, useLayoutEffect, useRef, useState } from "react";
import { CopyButton } from "@/components/copy-button";
import { formValues } from "@/lib/field-errors";
import { type CliScript, renderScript } from "@/lib/openstack-cli/script";

/**
 * What a dialog passes: the script itself (controlled forms, confirmations),
 * or a function of the enclosing form's current values (uncontrolled forms,
 * read with `formValues` on every input and change, so the command follows
 * what is typed without turning the form into controlled state).
 */
export type CliSource = CliScript | ((values: Readonly<Record<string, string>>, data: FormData) => CliScript);

function scriptText(cli: CliSource, form: HTMLFormElement | null | undefined): string {
  if (typeof cli !== "function") return renderScript(cli);
  // `data` keeps repeated names (checkbox lists) that `values` folds to one.
  return renderScript(cli(form ? formValues(form) : {}, form ? new FormData(form) : new FormData()));
}

/** The form a toggle reads: the one named by id, else the one it sits in. */
function formFor(anchor: HTMLElement | null, formId: string | undefined): HTMLFormElement | null {
  const byId = formId ? document.getElementById(formId) : null;
  return byId instanceof HTMLFormElement ? byId : (anchor?.closest("form") ?? null);
}

/**
 * "Show the CLI": a disclosure (Radix Collapsible) with the equivalent `openstack` command(s)
 * for what is filled in now, in monospace with a copy button. `actions`
 * (the dialog's buttons) sit on the same row as the toggle, so every dialog
 * places it the same way.
 */
export function ShowCli({
  cli,
  actions,
  className,
  formId,
}: {
  cli: CliSource;
  /** The dialog's buttons, on the toggle's row. */
  actions?: ReactNode;
  /** Replaces the default top margin (`mt-5`, as DialogActions has). */
  className?: string;
  /** The id of the form to read, when the toggle cannot sit inside it (an inline one-row form). */
  formId?: string;
}) {
  const [open, setOpen] = useState(false);
  const t = useTranslations("common.cli");
  const [, setTick] = useState(0);
  const [text, setText] = useState("");
  const anchor = useRef<HTMLDivElement>(null);

  // Re-render on every edit of the enclosing form, whatever field changed; clicks too, for fields a
  // button fills through React state (a suggested CIDR), which fire no input event.
  useEffect(() => {
    const form = formFor(anchor.current, formId);
    if (!form) return;
    // Once now, and once after the event's own handlers have committed what they set (a click's
    // setState lands after this listener runs, the form's own listener being below React's root).
    const bump = () => {
      setTick((t) => t + 1);
      window.setTimeout(() => setTick((t) => t + 1), 0);
    };
    const events = ["input", "change", "click"] as const;
    for (const e of events) form.addEventListener(e, bump);
    return () => {
      for (const e of events) form.removeEventListener(e, bump);
    };
  }, [formId]);

  // After each render the DOM holds the fields React just showed or hid (a source picker, a subnet
  // section): read them then, and only store the text when it changed.
  useLayoutEffect(() => {
    if (!open) return;
    const next = scriptText(cli, formFor(anchor.current, formId));
    setText((prev) => (prev === next ? prev : next));
  });

  return (
    <Collapsible.Root
      ref={anchor}
      open={open}
      onOpenChange={setOpen}
      className={clsx("flex flex-col gap-2", className ?? "mt-5")}
      data-testid="show-cli"
    >
      <Collapsible.Content asChild>
        <section
          aria-label={t("region")}
          className="flex flex-col gap-1.5 rounded-md border border-border bg-surface-muted p-2"
        >
          <div className="flex items-center justify-between gap-2">
            <span className="text-xs text-fg-muted">{t("intro")}</span>
            <CopyButton value={text} label={t("copy")} />
          </div>
          {/* Wrapped, never scrolled: a scrolling box would need to be focusable for keyboard users. */}
          <pre className="whitespace-pre-wrap break-all rounded bg-surface p-2 font-mono text-xs text-fg">
            {text}
          </pre>
        </section>
      </Collapsible.Content>
      <div className="flex flex-wrap items-center justify-between gap-2">
        <Collapsible.Trigger className="inline-flex items-center gap-1 rounded px-1 py-0.5 text-sm text-fg-muted hover:text-fg focus-visible:outline-2 focus-visible:outline-ring">
          {open ? <ChevronDown size={14} aria-hidden /> : <ChevronRight size={14} aria-hidden />}
          <SquareTerminal size={14} aria-hidden />
          {open ? t("hide") : t("show")}
        </Collapsible.Trigger>
        {actions ? <div className="ml-auto flex justify-end gap-2">{actions}</div> : null}
      </div>
    </Collapsible.Root>
  );
}
