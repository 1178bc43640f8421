"use client";

import { useTranslations } from "next-intl";
import type { ReactNode } from "react";
import type { CliSource } from "@/components/cli/show-cli";
import { FormError } from "@/components/form/form-error";
import { Button } from "@/components/ui/button";
import { Dialog } from "@/components/ui/dialog";
import { DialogActions } from "@/components/ui/dialog-actions";

interface ConfirmDialogProps {
  open: boolean;
  title: string;
  children: ReactNode;
  confirmLabel: string;
  busy?: boolean;
  error?: string | null;
  onConfirm: () => void;
  onCancel: () => void;
  /** The equivalent `openstack` command, behind "Show the CLI". */
  cli?: CliSource | undefined;
}

/** Asks before a destructive action; the confirm button says exactly what happens. */
export function ConfirmDialog({
  open,
  title,
  children,
  confirmLabel,
  busy,
  error,
  onConfirm,
  onCancel,
  cli,
}: ConfirmDialogProps) {
  const t = useTranslations("common");
  return (
    <Dialog open={open} onClose={onCancel} title={title}>
      <div className="text-sm">{children}</div>
      <FormError message={error} />
      <DialogActions cli={cli}>
        <Button onClick={onCancel} autoFocus>
          {t("cancel")}
        </Button>
        <Button variant="danger" onClick={onConfirm} busy={busy}>
          {confirmLabel}
        </Button>
      </DialogActions>
    </Dialog>
  );
}

/**
 * What a confirmation takes from the mutation it confirms: busy while it
 * runs, its error in the reader's words, and a cancel that forgets a
 * failed try before closing.
 */
export function mutationConfirmProps(
  mutation: { isPending: boolean; error: unknown; reset: () => void },
  onClose: () => void,
  errorOf: (error: unknown) => string,
): Pick<ConfirmDialogProps, "busy" | "error" | "onCancel"> {
  return {
    busy: mutation.isPending,
    error: mutation.error ? errorOf(mutation.error) : null,
    onCancel: () => {
      mutation.reset();
      onClose();
    },
  };
}
