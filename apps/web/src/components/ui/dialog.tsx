"use client";

import * as RadixDialog from "@radix-ui/react-dialog";
import { X } from "lucide-react";
import { useTranslations } from "next-intl";
import { type ReactNode, useRef } from "react";
import { openerOf } from "./focus-return";

interface DialogProps {
  open: boolean;
  onClose: () => void;
  title: string;
  description?: ReactNode;
  children: ReactNode;
  size?: "md" | "lg";
}

/**
 * Modal dialog on Radix Dialog: focus moves inside and stays there, Escape
 * closes, the rest of the page is inert and hidden from assistive technology
 * while it is open, and focus goes back to what opened it.
 */
export function Dialog({ open, onClose, title, description, children, size = "md" }: DialogProps) {
  const t = useTranslations("common");
  // Our dialogs are controlled (no Radix Trigger), so Radix does not know the
  // opener: remember it when `open` turns true, while the DOM still shows it
  // (a menu item that opened the dialog is gone by the time the dialog mounts).
  const opener = useRef<HTMLElement | null>(null);
  const wasOpen = useRef(false);
  if (open && !wasOpen.current && typeof document !== "undefined")
    opener.current = openerOf(document.activeElement);
  wasOpen.current = open;

  return (
    <RadixDialog.Root
      open={open}
      onOpenChange={(next) => {
        if (!next) onClose();
      }}
    >
      <RadixDialog.Portal>
        <RadixDialog.Overlay className="fixed inset-0 z-50 bg-black/45" />
        <RadixDialog.Content
          // Without a description, say so explicitly (Radix otherwise warns and points at nothing).
          {...(description ? {} : { "aria-describedby": undefined })}
          onCloseAutoFocus={(event) => {
            const target = opener.current;
            if (target?.isConnected) {
              event.preventDefault();
              target.focus();
            }
          }}
          className={
            size === "lg"
              ? "fixed top-1/2 left-1/2 z-50 flex max-h-[85vh] w-[min(48rem,calc(100vw-2rem))] -translate-x-1/2 -translate-y-1/2 flex-col rounded-lg border border-border bg-surface text-fg shadow-xl focus:outline-none"
              : "fixed top-1/2 left-1/2 z-50 flex max-h-[85vh] w-[min(32rem,calc(100vw-2rem))] -translate-x-1/2 -translate-y-1/2 flex-col rounded-lg border border-border bg-surface text-fg shadow-xl focus:outline-none"
          }
        >
          <div className="flex items-start justify-between gap-4 border-b border-border px-5 py-4">
            <div>
              <RadixDialog.Title className="text-base font-semibold">{title}</RadixDialog.Title>
              {description ? (
                <RadixDialog.Description asChild>
                  <div className="mt-1 text-sm text-fg-muted">{description}</div>
                </RadixDialog.Description>
              ) : null}
            </div>
            <RadixDialog.Close
              aria-label={t("close")}
              className="rounded p-1 text-fg-muted hover:bg-surface-muted hover:text-fg"
            >
              <X size={18} aria-hidden />
            </RadixDialog.Close>
          </div>
          <div className="overflow-y-auto px-5 py-4">{children}</div>
        </RadixDialog.Content>
      </RadixDialog.Portal>
    </RadixDialog.Root>
  );
}
