"use client";

import { useTranslations } from "next-intl";
import { type FormEvent, useMemo } from "react";
import { z } from "zod";
import { FormError } from "@/components/form/form-error";
import { TextField } from "@/components/form/text-field";
import { useToast } from "@/components/toast/toast-provider";
import { Button } from "@/components/ui/button";
import { Dialog } from "@/components/ui/dialog";
import { DialogActions } from "@/components/ui/dialog-actions";
import { formValues, validateForm } from "@/lib/field-errors";
import type { NetworkValidationT } from "@/lib/network/network-form-schemas";
import { securityGroupSet } from "@/lib/openstack-cli/network";
import { useFormErrors } from "@/lib/use-form-errors";
import { trpc } from "@/trpc/react";

const editGroupFormSchema = (t: NetworkValidationT) =>
  z.object({
    name: z
      .string()
      .trim()
      .min(1, t("enterName"))
      .max(255, t("useAtMost", { max: 255 })),
    description: z
      .string()
      .trim()
      .max(255, t("useAtMost", { max: 255 })),
  });

interface Props {
  group: { id: string; name: string; description: string; isDefault: boolean } | null;
  onClose: () => void;
}

/** Rename a group or change its description; the default group keeps its name. */
export function SecurityGroupEditDialog({ group, onClose }: Props) {
  const t = useTranslations("network.securityGroupForm");
  const tCommon = useTranslations("common");
  const tValidation = useTranslations("network.validation");
  const schema = useMemo(() => editGroupFormSchema(tValidation), [tValidation]);
  const utils = trpc.useUtils();
  const toast = useToast();
  const errors = useFormErrors();
  const update = trpc.network.securityGroups.update.useMutation({
    onSuccess: (g) => {
      void utils.network.securityGroups.invalidate();
      toast.show(t("savedToast", { name: g.name }));
      errors.reset();
      onClose();
    },
    onError: errors.showError,
  });

  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    if (!group) return;
    const result = validateForm(schema, formValues(event.currentTarget));
    if (!result.ok) return errors.showFieldErrors(result.fields);
    update.mutate({ id: group.id, ...result.data });
  };
  const cancel = () => {
    errors.reset();
    onClose();
  };

  return (
    <Dialog
      open={group !== null}
      onClose={cancel}
      title={group ? t("editTitle", { name: group.name }) : t("editTitleNone")}
    >
      <form onSubmit={submit} noValidate className="grid gap-4">
        <TextField
          label={t("name")}
          name="name"
          autoComplete="off"
          defaultValue={group?.name}
          readOnly={group?.isDefault}
          hint={group?.isDefault ? t("defaultKeepsName") : undefined}
          error={errors.fields.name}
          autoFocus
        />
        <TextField
          label={t("description")}
          name="description"
          defaultValue={group?.description}
          error={errors.fields.description}
        />
        <FormError message={errors.formError} />
        <DialogActions
          cli={(v) =>
            securityGroupSet({
              groupId: group?.id ?? "",
              name: v.name ?? "",
              description: v.description ?? "",
            })
          }
        >
          <Button onClick={cancel}>{tCommon("cancel")}</Button>
          <Button type="submit" variant="primary" busy={update.isPending}>
            {t("save")}
          </Button>
        </DialogActions>
      </form>
    </Dialog>
  );
}
