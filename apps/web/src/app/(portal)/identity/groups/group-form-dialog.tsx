"use client";

import { useTranslations } from "next-intl";
import { type FormEvent, useMemo } from "react";
import { z } from "zod";
import { FormError } from "@/components/form/form-error";
import { TextField } from "@/components/form/text-field";
import { TextareaField } from "@/components/form/textarea-field";
import { useToast } from "@/components/toast/toast-provider";
import { Button } from "@/components/ui/button";
import { Dialog } from "@/components/ui/dialog";
import { DialogActions } from "@/components/ui/dialog-actions";
import { formValues, validateForm } from "@/lib/field-errors";
import { groupCreate, groupSet } from "@/lib/openstack-cli/identity";
import { useFormErrors } from "@/lib/use-form-errors";
import { type RouterOutputs, trpc } from "@/trpc/react";
import type { ValidationT } from "../users/user-form-schemas";

type Group = RouterOutputs["identity"]["groups"]["list"]["items"][number];

/** Built with the reader's language, for the messages under the fields. */
const groupFormSchema = (t: ValidationT) =>
  z.object({
    name: z
      .string()
      .trim()
      .min(1, t("enterGroupName"))
      .max(64, t("atMost", { max: 64 })),
    description: z
      .string()
      .max(255, t("atMost", { max: 255 }))
      .default(""),
  });

interface GroupFormDialogProps {
  group?: Group;
  open: boolean;
  onClose: () => void;
}

export function GroupFormDialog({ group, open, onClose }: GroupFormDialogProps) {
  const t = useTranslations("identity.groups");
  const tFields = useTranslations("identity.fields");
  const tCommon = useTranslations("common");
  const tValidation = useTranslations("identity.validation");
  const schema = useMemo(() => groupFormSchema(tValidation), [tValidation]);
  const utils = trpc.useUtils();
  const toast = useToast();
  const errors = useFormErrors();
  const done = (message: string) => {
    void utils.identity.groups.invalidate();
    toast.show(message);
    errors.reset();
    onClose();
  };
  const create = trpc.identity.groups.create.useMutation({
    onSuccess: (g) => done(t("createdToast", { name: g.name })),
    onError: errors.showError,
  });
  const update = trpc.identity.groups.update.useMutation({
    onSuccess: (g) => done(t("updatedToast", { name: g.name })),
    onError: errors.showError,
  });

  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const result = validateForm(schema, formValues(event.currentTarget));
    if (!result.ok) return errors.showFieldErrors(result.fields);
    if (group) update.mutate({ id: group.id, ...result.data });
    else create.mutate(result.data);
  };

  const cancel = () => {
    errors.reset();
    onClose();
  };

  return (
    <Dialog open={open} onClose={cancel} title={group ? t("editTitle", { name: group.name }) : t("create")}>
      <form onSubmit={submit} noValidate className="flex flex-col gap-4">
        <TextField
          label={tFields("name")}
          name="name"
          defaultValue={group?.name}
          error={errors.fields.name}
          autoFocus
        />
        <TextareaField
          label={tFields("description")}
          name="description"
          defaultValue={group?.description}
          error={errors.fields.description}
        />
        <FormError message={errors.formError} />
        <DialogActions
          cli={(v) =>
            group
              ? groupSet({ groupId: group.id, name: v.name ?? "", description: v.description ?? "" })
              : groupCreate({ name: v.name ?? "", description: v.description })
          }
        >
          <Button onClick={cancel}>{tCommon("cancel")}</Button>
          <Button type="submit" variant="primary" busy={create.isPending || update.isPending}>
            {group ? t("save") : t("create")}
          </Button>
        </DialogActions>
      </form>
    </Dialog>
  );
}
