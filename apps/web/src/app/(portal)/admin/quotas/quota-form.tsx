"use client";

import { useTranslations } from "next-intl";
import { type FormEvent, useMemo } from "react";
import { z } from "zod";
import { FormError } from "@/components/form/form-error";
import { TextField } from "@/components/form/text-field";
import { Button } from "@/components/ui/button";
import { formValues, validateForm } from "@/lib/field-errors";
import { useFormErrors } from "@/lib/use-form-errors";
import { type QuotasT, quotaLimit } from "./network-quota-schema";

export interface QuotaValues {
  instances?: number;
  cores?: number;
  ram?: number;
  keyPairs?: number;
}

/** The compute quota form's schema, in the reader's language. */
export function quotaSchema(t: QuotasT) {
  return z.object({
    instances: quotaLimit(t, "instances"),
    cores: quotaLimit(t, "cores"),
    ram: quotaLimit(t, "ram"),
    keyPairs: quotaLimit(t, "keyPairs"),
  });
}

/** The fields in form order; each label is `admin.quotas.fields.<name>`. */
const FIELDS: (keyof QuotaValues)[] = ["instances", "cores", "ram", "keyPairs"];

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
  const t = useTranslations("admin.quotas");
  const tCommon = useTranslations("common");
  const schema = useMemo(() => quotaSchema(t), [t]);
  const errors = useFormErrors();
  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const result = validateForm(schema, formValues(event.currentTarget));
    if (!result.ok) return errors.showFieldErrors(result.fields);
    errors.reset();
    onSave(result.data, errors.showError);
  };
  return (
    <form onSubmit={submit} noValidate aria-label={label} className="flex flex-col gap-4">
      <div className="grid gap-4 sm:grid-cols-2 lg:grid-cols-4">
        {FIELDS.map((name) => {
          const used = inUse?.[name];
          return (
            <TextField
              key={name}
              label={t(`fields.${name}`)}
              name={name}
              type="number"
              min={-1}
              defaultValue={values[name] === undefined ? "" : String(values[name])}
              error={errors.fields[name]}
              hint={used === undefined ? undefined : t("inUse", { count: used })}
            />
          );
        })}
      </div>
      <FormError message={errors.formError} />
      <div>
        <Button type="submit" variant="primary" busy={saving}>
          {tCommon("save")}
        </Button>
      </div>
    </form>
  );
}
