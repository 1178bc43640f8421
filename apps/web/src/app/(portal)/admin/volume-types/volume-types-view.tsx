"use client";

import { Layers, Pencil, Plus, Trash2 } from "lucide-react";
import { useTranslations } from "next-intl";
import { type FormEvent, useId, useMemo, useState } from "react";
import { ConfirmDialog } from "@/components/confirm-dialog";
import { TableError } from "@/components/data-table/table-states";
import { EmptyState } from "@/components/empty-state";
import { CheckboxField } from "@/components/form/checkbox-field";
import { FormError } from "@/components/form/form-error";
import { TextField } from "@/components/form/text-field";
import { RowAction } from "@/components/row-action";
import { useToast } from "@/components/toast/toast-provider";
import { ToneBadge } from "@/components/tone-badge";
import { Button } from "@/components/ui/button";
import { Dialog } from "@/components/ui/dialog";
import { DialogActions } from "@/components/ui/dialog-actions";
import { MISSING } from "@/i18n/format";
import { formValues, validateForm } from "@/lib/field-errors";
import { useErrorMessage } from "@/lib/use-error-message";
import { useFormErrors } from "@/lib/use-form-errors";
import { type RouterOutputs, trpc } from "@/trpc/react";
import { specsToText, volumeTypeFormSchema } from "./extra-specs";

type VolumeType = RouterOutputs["admin"]["volumes"]["types"]["list"][number];

/** Create, or edit name, description, visibility and extra specs of, one type. */
function TypeDialog({ type, onClose }: { type: VolumeType | null; onClose: () => void }) {
  const t = useTranslations("admin.volumeTypes");
  const tCommon = useTranslations("common");
  const schema = useMemo(() => volumeTypeFormSchema(t), [t]);
  const toast = useToast();
  const utils = trpc.useUtils();
  const errors = useFormErrors();
  const specsId = useId();
  const refresh = () => void utils.admin.volumes.types.invalidate();
  const create = trpc.admin.volumes.types.create.useMutation({ onError: errors.showError });
  const update = trpc.admin.volumes.types.update.useMutation({ onError: errors.showError });
  const setSpecs = trpc.admin.volumes.types.setExtraSpecs.useMutation({ onError: errors.showError });
  const submit = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const result = validateForm(schema, formValues(event.currentTarget));
    if (!result.ok) return errors.showFieldErrors(result.fields);
    const v = result.data;
    try {
      if (type) {
        await update.mutateAsync({
          id: type.id,
          name: v.name,
          description: v.description,
          isPublic: v.isPublic,
        });
        await setSpecs.mutateAsync({ id: type.id, specs: v.extraSpecs });
      } else {
        await create.mutateAsync(v);
      }
    } catch {
      return;
    }
    refresh();
    toast.show(t(type ? "savedToast" : "createdToast", { name: v.name }));
    onClose();
  };
  const busy = create.isPending || update.isPending || setSpecs.isPending;
  return (
    <Dialog open onClose={onClose} title={type ? t("editTitle", { name: type.name }) : t("createTitle")}>
      <form onSubmit={(e) => void submit(e)} noValidate className="grid gap-4">
        <TextField
          label={t("name")}
          name="name"
          defaultValue={type?.name ?? ""}
          error={errors.fields.name}
          autoFocus
        />
        <TextField
          label={t("descriptionField")}
          name="description"
          defaultValue={type?.description ?? ""}
          error={errors.fields.description}
        />
        <CheckboxField label={t("isPublic")} name="isPublic" defaultChecked={type?.isPublic ?? true} />
        <div className="grid gap-1">
          <label htmlFor={specsId} className="text-sm font-medium">
            {t("extraSpecs")}
          </label>
          <textarea
            id={specsId}
            name="extraSpecs"
            rows={5}
            defaultValue={type ? specsToText(type.extraSpecs) : ""}
            // i18n-ignore: an example spec, the same in every language
            placeholder="volume_backend_name=file"
            aria-invalid={errors.fields.extraSpecs ? true : undefined}
            className="rounded-md border border-border bg-surface px-2 py-1.5 font-mono text-sm"
          />
          <p className="text-xs text-fg-muted">{t("specsHint")}</p>
          {errors.fields.extraSpecs ? (
            <p className="text-sm text-danger">{errors.fields.extraSpecs}</p>
          ) : null}
        </div>
        <FormError message={errors.formError} />
        <DialogActions>
          <Button onClick={onClose}>{tCommon("cancel")}</Button>
          <Button type="submit" variant="primary" busy={busy}>
            {type ? tCommon("save") : t("createSubmit")}
          </Button>
        </DialogActions>
      </form>
    </Dialog>
  );
}

/** Admin → Volume types: every type (private ones too) with its extra specs. */
export function VolumeTypesView() {
  const errorMessageOf = useErrorMessage();
  const t = useTranslations("admin.volumeTypes");
  const tCommon = useTranslations("common");
  const types = trpc.admin.volumes.types.list.useQuery();
  const utils = trpc.useUtils();
  const toast = useToast();
  const [editing, setEditing] = useState<VolumeType | "new" | null>(null);
  const [deleting, setDeleting] = useState<VolumeType | null>(null);
  const remove = trpc.admin.volumes.types.delete.useMutation({
    onSuccess: () => {
      void utils.admin.volumes.types.invalidate();
      toast.show(t("deletedToast", { name: deleting?.name ?? "" }));
      setDeleting(null);
    },
  });
  if (types.error) return <TableError error={types.error} onRetry={() => void types.refetch()} />;
  const rows = types.data;
  return (
    <div className="grid gap-3">
      <div className="flex justify-end">
        <Button variant="primary" onClick={() => setEditing("new")}>
          <Plus size={16} aria-hidden /> {t("create")}
        </Button>
      </div>
      {!rows ? (
        <p className="text-sm text-fg-muted">{t("loading")}</p>
      ) : rows.length === 0 ? (
        <EmptyState icon={Layers} title={t("empty")}>
          {t("emptyHint")}
        </EmptyState>
      ) : (
        <table className="w-full text-sm" aria-label={t("tableLabel")}>
          <thead className="text-left text-fg-muted">
            <tr>
              <th className="py-2 pr-3 font-medium">{t("name")}</th>
              <th className="py-2 pr-3 font-medium">{t("descriptionField")}</th>
              <th className="py-2 pr-3 font-medium">{t("visibility")}</th>
              <th className="py-2 pr-3 font-medium">{t("extraSpecs")}</th>
              <th className="py-2 font-medium">{t("actions")}</th>
            </tr>
          </thead>
          <tbody>
            {rows.map((type) => (
              <tr key={type.id} className="border-t border-border align-top">
                <td className="py-2 pr-3 font-medium">{type.name}</td>
                <td className="py-2 pr-3">
                  {type.description || <span className="text-fg-muted">{MISSING}</span>}
                </td>
                <td className="py-2 pr-3">
                  <ToneBadge tone={type.isPublic ? "success" : "muted"}>
                    {type.isPublic ? t("public") : t("private")}
                  </ToneBadge>
                </td>
                <td className="py-2 pr-3 font-mono text-xs">
                  {Object.entries(type.extraSpecs).map(([k, v]) => (
                    <div key={k}>
                      {k}={v}
                    </div>
                  ))}
                </td>
                <td className="py-2">
                  <RowAction
                    icon={Pencil}
                    label={tCommon("edit")}
                    subject={type.name}
                    onClick={() => setEditing(type)}
                  />
                  <RowAction
                    icon={Trash2}
                    label={tCommon("delete")}
                    subject={type.name}
                    danger
                    onClick={() => {
                      remove.reset();
                      setDeleting(type);
                    }}
                  />
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {editing ? (
        <TypeDialog
          key={editing === "new" ? "new" : editing.id}
          type={editing === "new" ? null : editing}
          onClose={() => setEditing(null)}
        />
      ) : null}
      <ConfirmDialog
        open={deleting !== null}
        title={t("deleteTitle")}
        confirmLabel={t("deleteSubmit")}
        busy={remove.isPending}
        error={remove.error ? errorMessageOf(remove.error) : null}
        onCancel={() => setDeleting(null)}
        onConfirm={() => deleting && remove.mutate({ id: deleting.id })}
      >
        <p>{t.rich("deleteConfirm", { name: deleting?.name ?? "", strong: (c) => <strong>{c}</strong> })}</p>
      </ConfirmDialog>
    </div>
  );
}
