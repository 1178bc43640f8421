"use client";

import { Plus, Trash2 } from "lucide-react";
import { useTranslations } from "next-intl";
import { CONTROL_CLASSES } from "@/components/form/field-shell";
import { Button } from "@/components/ui/button";
import type { FieldErrors } from "@/lib/field-errors";
import type { MetadataRow } from "./launch-schema";

interface MetadataEditorProps {
  rows: MetadataRow[];
  onChange: (rows: MetadataRow[]) => void;
  errors: FieldErrors;
}

let nextRowId = 1000;

/** Key/value rows of the instance metadata; each input is labelled by its row number. */
export function MetadataEditor({ rows, onChange, errors }: MetadataEditorProps) {
  const t = useTranslations("compute.launch.metadata");
  const update = (id: number, patch: Partial<MetadataRow>) =>
    onChange(rows.map((row) => (row.id === id ? { ...row, ...patch } : row)));
  return (
    <fieldset className="flex flex-col gap-2">
      <legend className="mb-1 text-sm font-medium">{t("legend")}</legend>
      {rows.length === 0 ? <p className="text-sm text-fg-muted">{t("empty")}</p> : null}
      {rows.map((row, index) => {
        const keyError = errors[`metadata.${index}.key`];
        const valueError = errors[`metadata.${index}.value`];
        return (
          <div key={row.id} className="grid grid-cols-[1fr_1fr_auto] items-start gap-2">
            <div>
              <input
                aria-label={t("keyLabel", { row: index + 1 })}
                placeholder={t("keyPlaceholder")}
                value={row.key}
                aria-invalid={keyError ? true : undefined}
                onChange={(e) => update(row.id, { key: e.target.value })}
                className={CONTROL_CLASSES}
              />
              {keyError ? <p className="mt-1 text-xs font-medium text-danger">{keyError}</p> : null}
            </div>
            <div>
              <input
                aria-label={t("valueLabel", { row: index + 1 })}
                placeholder={t("valuePlaceholder")}
                value={row.value}
                aria-invalid={valueError ? true : undefined}
                onChange={(e) => update(row.id, { value: e.target.value })}
                className={CONTROL_CLASSES}
              />
              {valueError ? <p className="mt-1 text-xs font-medium text-danger">{valueError}</p> : null}
            </div>
            <Button
              variant="ghost"
              aria-label={t("removeRow", { row: index + 1 })}
              onClick={() => onChange(rows.filter((r) => r.id !== row.id))}
            >
              <Trash2 size={15} aria-hidden />
            </Button>
          </div>
        );
      })}
      {errors.metadata ? <p className="text-xs font-medium text-danger">{errors.metadata}</p> : null}
      <div>
        <Button size="sm" onClick={() => onChange([...rows, { id: nextRowId++, key: "", value: "" }])}>
          <Plus size={15} aria-hidden /> {t("add")}
        </Button>
      </div>
    </fieldset>
  );
}
