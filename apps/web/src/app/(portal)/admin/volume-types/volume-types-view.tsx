"use client";

import { Layers, Pencil, Plus, Trash2 } from "lucide-react";
import { type FormEvent, useId, useState } from "react";
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
import { formValues, validateForm } from "@/lib/field-errors";
import { errorMessageOf } from "@/lib/trpc-errors";
import { useFormErrors } from "@/lib/use-form-errors";
import { type RouterOutputs, trpc } from "@/trpc/react";
import { specsToText, VolumeTypeFormSchema } from "./extra-specs";

type VolumeType = RouterOutputs["admin"]["volumes"]["types"]["list"][number];

/** Create, or edit name, description, visibility and extra specs of, one type. */
function TypeDialog({ type, onClose }: { type: VolumeType | null; onClose: () => void }) {
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
    const result = validateForm(VolumeTypeFormSchema, formValues(event.currentTarget));
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
    toast.show(`Volume type ${v.name} ${type ? "saved" : "created"}.`);
    onClose();
  };
  const busy = create.isPending || update.isPending || setSpecs.isPending;
  return (
    <Dialog open onClose={onClose} title={type ? `Edit ${type.name}` : "Create volume type"}>
      <form onSubmit={(e) => void submit(e)} noValidate className="grid gap-4">
        <TextField
          label="Name"
          name="name"
          defaultValue={type?.name ?? ""}
          error={errors.fields.name}
          autoFocus
        />
        <TextField
          label="Description"
          name="description"
          defaultValue={type?.description ?? ""}
          error={errors.fields.description}
        />
        <CheckboxField
          label="Public (every project may use it)"
          name="isPublic"
          defaultChecked={type?.isPublic ?? true}
        />
        <div className="grid gap-1">
          <label htmlFor={specsId} className="text-sm font-medium">
            Extra specs
          </label>
          <textarea
            id={specsId}
            name="extraSpecs"
            rows={5}
            defaultValue={type ? specsToText(type.extraSpecs) : ""}
            placeholder="volume_backend_name=file"
            aria-invalid={errors.fields.extraSpecs ? true : undefined}
            className="rounded-md border border-border bg-surface px-2 py-1.5 font-mono text-sm"
          />
          <p className="text-xs text-fg-muted">One key=value per line.</p>
          {errors.fields.extraSpecs ? (
            <p className="text-sm text-danger">{errors.fields.extraSpecs}</p>
          ) : null}
        </div>
        <FormError message={errors.formError} />
        <DialogActions>
          <Button onClick={onClose}>Cancel</Button>
          <Button type="submit" variant="primary" busy={busy}>
            {type ? "Save" : "Create type"}
          </Button>
        </DialogActions>
      </form>
    </Dialog>
  );
}

/** Admin → Volume types: every type (private ones too) with its extra specs. */
export function VolumeTypesView() {
  const types = trpc.admin.volumes.types.list.useQuery();
  const utils = trpc.useUtils();
  const toast = useToast();
  const [editing, setEditing] = useState<VolumeType | "new" | null>(null);
  const [deleting, setDeleting] = useState<VolumeType | null>(null);
  const remove = trpc.admin.volumes.types.delete.useMutation({
    onSuccess: () => {
      void utils.admin.volumes.types.invalidate();
      toast.show(`Volume type ${deleting?.name ?? ""} deleted.`);
      setDeleting(null);
    },
  });
  if (types.error) return <TableError error={types.error} onRetry={() => void types.refetch()} />;
  const rows = types.data;
  return (
    <div className="grid gap-3">
      <div className="flex justify-end">
        <Button variant="primary" onClick={() => setEditing("new")}>
          <Plus size={16} aria-hidden /> Create volume type
        </Button>
      </div>
      {!rows ? (
        <p className="text-sm text-fg-muted">Loading volume types…</p>
      ) : rows.length === 0 ? (
        <EmptyState icon={Layers} title="No volume types">
          Create one so users can choose what kind of storage a volume gets.
        </EmptyState>
      ) : (
        <table className="w-full text-sm" aria-label="Volume types">
          <thead className="text-left text-fg-muted">
            <tr>
              <th className="py-2 pr-3 font-medium">Name</th>
              <th className="py-2 pr-3 font-medium">Description</th>
              <th className="py-2 pr-3 font-medium">Visibility</th>
              <th className="py-2 pr-3 font-medium">Extra specs</th>
              <th className="py-2 font-medium">Actions</th>
            </tr>
          </thead>
          <tbody>
            {rows.map((t) => (
              <tr key={t.id} className="border-t border-border align-top">
                <td className="py-2 pr-3 font-medium">{t.name}</td>
                <td className="py-2 pr-3">{t.description || <span className="text-fg-muted">—</span>}</td>
                <td className="py-2 pr-3">
                  <ToneBadge tone={t.isPublic ? "success" : "muted"}>
                    {t.isPublic ? "Public" : "Private"}
                  </ToneBadge>
                </td>
                <td className="py-2 pr-3 font-mono text-xs">
                  {Object.entries(t.extraSpecs).map(([k, v]) => (
                    <div key={k}>
                      {k}={v}
                    </div>
                  ))}
                </td>
                <td className="py-2">
                  <RowAction icon={Pencil} label="Edit" subject={t.name} onClick={() => setEditing(t)} />
                  <RowAction
                    icon={Trash2}
                    label="Delete"
                    subject={t.name}
                    danger
                    onClick={() => {
                      remove.reset();
                      setDeleting(t);
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
        title="Delete volume type?"
        confirmLabel="Delete type"
        busy={remove.isPending}
        error={remove.error ? errorMessageOf(remove.error) : null}
        onCancel={() => setDeleting(null)}
        onConfirm={() => deleting && remove.mutate({ id: deleting.id })}
      >
        <p>
          Delete <strong>{deleting?.name}</strong>? The cloud refuses while volumes of this type exist.
        </p>
      </ConfirmDialog>
    </div>
  );
}
