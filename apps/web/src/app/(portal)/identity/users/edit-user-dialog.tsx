"use client";

import { useTranslations } from "next-intl";
import { type FormEvent, useMemo } from "react";
import { CheckboxField } from "@/components/form/checkbox-field";
import { FormError } from "@/components/form/form-error";
import { SelectField } from "@/components/form/select-field";
import { TextField } from "@/components/form/text-field";
import { useToast } from "@/components/toast/toast-provider";
import { Button } from "@/components/ui/button";
import { Dialog } from "@/components/ui/dialog";
import { DialogActions } from "@/components/ui/dialog-actions";
import { formValues, validateForm } from "@/lib/field-errors";
import { userSet } from "@/lib/openstack-cli/identity";
import { useFormErrors } from "@/lib/use-form-errors";
import { type RouterOutputs, trpc } from "@/trpc/react";
import { useProjectRoleOptions } from "./use-project-role-options";
import { userFormSchemas } from "./user-form-schemas";

type User = RouterOutputs["identity"]["users"]["list"]["items"][number];

export function EditUserDialog({ user, onClose }: { user: User | null; onClose: () => void }) {
  const t = useTranslations("identity.users");
  const tFields = useTranslations("identity.fields");
  const tCommon = useTranslations("common");
  const tValidation = useTranslations("identity.validation");
  const schemas = useMemo(() => userFormSchemas(tValidation), [tValidation]);
  const utils = trpc.useUtils();
  const toast = useToast();
  const errors = useFormErrors();
  const options = useProjectRoleOptions(user !== null);
  const update = trpc.identity.users.update.useMutation({
    onSuccess: (saved) => {
      void utils.identity.users.invalidate();
      toast.show(t("updatedToast", { name: saved.name }));
      errors.reset();
      onClose();
    },
    onError: errors.showError,
  });

  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    if (!user) return;
    const result = validateForm(schemas.editUser, formValues(event.currentTarget));
    if (!result.ok) return errors.showFieldErrors(result.fields);
    update.mutate({ id: user.id, ...result.data });
  };

  const cancel = () => {
    errors.reset();
    onClose();
  };

  return (
    <Dialog open={user !== null} onClose={cancel} title={t("editTitle", { name: user?.name ?? "" })}>
      {user ? (
        <form onSubmit={submit} noValidate className="flex flex-col gap-4">
          <TextField
            label={tFields("userName")}
            name="name"
            defaultValue={user.name}
            error={errors.fields.name}
            autoFocus
          />
          <TextField
            label={tFields("email")}
            name="email"
            type="email"
            defaultValue={user.email}
            error={errors.fields.email}
          />
          <TextField
            label={tFields("description")}
            name="description"
            defaultValue={user.description}
            error={errors.fields.description}
          />
          <SelectField
            label={t("defaultProject")}
            name="defaultProjectId"
            placeholder={t("none")}
            defaultValue={user.defaultProjectId ?? ""}
            options={options.projects}
            error={errors.fields.defaultProjectId}
          />
          <CheckboxField label={tFields("enabled")} name="enabled" defaultChecked={user.enabled} />
          <FormError message={errors.formError} />
          <DialogActions
            cli={(v) =>
              userSet({
                userId: user?.id ?? "",
                name: v.name ?? "",
                email: v.email ?? "",
                description: v.description ?? "",
                defaultProjectId: v.defaultProjectId,
                enabled: v.enabled === "on",
              })
            }
          >
            <Button onClick={cancel}>{tCommon("cancel")}</Button>
            <Button type="submit" variant="primary" busy={update.isPending}>
              {t("save")}
            </Button>
          </DialogActions>
        </form>
      ) : null}
    </Dialog>
  );
}
