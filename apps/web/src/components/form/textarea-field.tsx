"use client";

import { type TextareaHTMLAttributes, useId } from "react";
import { CONTROL_CLASSES, describedBy, FieldShell } from "./field-shell";

interface TextareaFieldProps extends Omit<TextareaHTMLAttributes<HTMLTextAreaElement>, "id"> {
  label: string;
  name: string;
  error?: string;
}

export function TextareaField({ label, error, ...textarea }: TextareaFieldProps) {
  const id = useId();
  return (
    <FieldShell id={id} label={label} error={error}>
      <textarea
        id={id}
        rows={3}
        aria-invalid={error ? true : undefined}
        aria-describedby={describedBy(id, error)}
        className={`${CONTROL_CLASSES} h-auto py-2`}
        {...textarea}
      />
    </FieldShell>
  );
}
