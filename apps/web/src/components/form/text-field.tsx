"use client";

import { clsx } from "clsx";
import { type InputHTMLAttributes, type ReactNode, useId } from "react";
import { CONTROL_CLASSES, describedBy, FieldShell } from "./field-shell";

interface TextFieldProps extends Omit<InputHTMLAttributes<HTMLInputElement>, "id"> {
  label: string;
  name: string;
  error?: string;
  hint?: ReactNode;
}

export function TextField({ label, error, hint, className, ...input }: TextFieldProps) {
  const id = useId();
  return (
    <FieldShell id={id} label={label} error={error} hint={hint}>
      <input
        id={id}
        aria-invalid={error ? true : undefined}
        aria-describedby={describedBy(id, error, hint)}
        className={clsx(CONTROL_CLASSES, className)}
        {...input}
      />
    </FieldShell>
  );
}
