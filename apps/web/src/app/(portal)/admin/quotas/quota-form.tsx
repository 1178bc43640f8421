"use client";

import type { FormEvent } from "react";
import { z } from "zod";
import { FormError } from "@/components/form/form-error";
import { TextField } from "@/components/form/text-field";
import { Button } from "@/components/ui/button";
import { formValues, validateForm } from "@/lib/field-errors";
import { useFormErrors } from "@/lib/use-form-errors";

export interface QuotaValues {
  instances?: number;
  cores?: number;
  ram?: number;
  keyPairs?: number;
}

const limit = (what: string) =>
  z
    .string()
    .trim()
    .min(1, `Enter the ${what} limit (-1 for unlimited).`)
    .transform(Number)
    .pipe(
      z
        .number({ error: `Enter the ${what} limit as a number.` })
        .int(`Enter the ${what} limit as a whole number.`)
        .min(-1, "Use -1 for unlimited; other limits cannot be negative."),
    );

export const QuotaSchema = z.object({
  instances: limit("instances"),
  cores: limit("vCPU"),
  ram: limit("RAM"),
  keyPairs: limit("key pair"),
});

const FIELDS: { name: keyof QuotaValues; label: string }[] = [
  { name: "instances", label: "Instances" },
  { name: "cores", label: "vCPUs" },
  { name: "ram", label: "RAM (MB)" },
  { name: "keyPairs", label: "Key pairs" },
];

interface QuotaFormProps {
  label: string;
  values: QuotaValues;
  /** What the project uses now, shown under each limit. */
  inUse?: QuotaValues;
  saving: boolean;
  onSave: (values: Required<QuotaValues>, showError: (error: unknown) => void) => void;
}

/** The compute quota limits as one form; -1 means unlimited, as in Nova. */
export function QuotaForm({ label, values, inUse, saving, onSave }: QuotaFormProps) {
  const errors = useFormErrors();
  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const result = validateForm(QuotaSchema, formValues(event.currentTarget));
    if (!result.ok) return errors.showFieldErrors(result.fields);
    errors.reset();
    onSave(result.data, errors.showError);
  };
  return (
    <form onSubmit={submit} noValidate aria-label={label} className="flex flex-col gap-4">
      <div className="grid gap-4 sm:grid-cols-2 lg:grid-cols-4">
        {FIELDS.map((f) => (
          <TextField
            key={f.name}
            label={f.label}
            name={f.name}
            type="number"
            min={-1}
            defaultValue={values[f.name] === undefined ? "" : String(values[f.name])}
            error={errors.fields[f.name]}
            hint={inUse?.[f.name] === undefined ? undefined : `In use: ${inUse[f.name]}`}
          />
        ))}
      </div>
      <FormError message={errors.formError} />
      <div>
        <Button type="submit" variant="primary" busy={saving}>
          Save
        </Button>
      </div>
    </form>
  );
}
