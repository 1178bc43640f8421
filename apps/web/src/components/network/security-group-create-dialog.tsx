"use client";

import { useRouter } from "next/navigation";
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
import { securityGroupCreate } from "@/lib/openstack-cli/network";
import { useFormErrors } from "@/lib/use-form-errors";
import { trpc } from "@/trpc/react";

const createGroupFormSchema = (t: NetworkValidationT) =>
  z.object({
    name: z
      .string()
      .trim()
      .min(1, t("enterName"))
      .max(255, t("useAtMost", { max: 255 }))
      .refine((v) => v !== "default", t("defaultReserved")),
    description: z
      .string()
      .trim()
      .max(255, t("useAtMost", { max: 255 }))
      .transform((v) => v || undefined),
  });

/** Creates a group and opens it, where its rules are added. */
export function SecurityGroupCreateDialog({ open, onClose }: { open: boolean; onClose: () => void }) {
  const t = useTranslations("network.securityGroupForm");
  const tCommon = useTranslations("common");
  const tValidation = useTranslations("network.validation");
  const schema = useMemo(() => createGroupFormSchema(tValidation), [tValidation]);
  const utils = trpc.useUtils();
  const toast = useToast();
  const router = useRouter();
  const errors = useFormErrors();
  const create = trpc.network.securityGroups.create.useMutation({
    onSuccess: (group) => {
      void utils.network.securityGroups.list.invalidate();
      toast.show(t("createdToast", { name: group.name }));
      errors.reset();
      onClose();
      router.push(`/project/security-groups/${group.id}`);
    },
    onError: errors.showError,
  });

  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const result = validateForm(schema, formValues(event.currentTarget));
    if (!result.ok) return errors.showFieldErrors(result.fields);
    create.mutate(result.data);
  };
  const cancel = () => {
    errors.reset();
    onClose();
  };

  return (
    <Dialog open={open} onClose={cancel} title={t("createTitle")} description={t("createDescription")}>
      <form onSubmit={submit} noValidate className="grid gap-4">
        <TextField label={t("name")} name="name" autoComplete="off" autoFocus error={errors.fields.name} />
        <TextField label={t("description")} name="description" error={errors.fields.description} />
        <FormError message={errors.formError} />
        <DialogActions cli={(v) => securityGroupCreate({ name: v.name ?? "", description: v.description })}>
          <Button onClick={cancel}>{tCommon("cancel")}</Button>
          <Button type="submit" variant="primary" busy={create.isPending}>
            {t("createGroup")}
          </Button>
        </DialogActions>
      </form>
    </Dialog>
  );
}
