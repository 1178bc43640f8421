"use client";

import { clsx } from "clsx";
import { type ReactNode, type TextareaHTMLAttributes, useId } from "react";
import { CONTROL_CLASSES, describedBy, FieldShell } from "./field-shell";

interface TextareaFieldProps extends Omit<TextareaHTMLAttributes<HTMLTextAreaElement>, "id"> {
  label: string;
  name: string;
  error?: string;
  hint?: ReactNode;
}

export function TextareaField({ label, error, hint, className, ...textarea }: TextareaFieldProps) {
  const id = useId();
  return (
    <FieldShell id={id} label={label} error={error} hint={hint}>
      <textarea
        id={id}
        rows={3}
        aria-invalid={error ? true : undefined}
        aria-describedby={describedBy(id, error, hint)}
        className={clsx(CONTROL_CLASSES, "h-auto py-2", className)}
        {...textarea}
      />
    </FieldShell>
  );
}
