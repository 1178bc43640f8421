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
import { userCreate } from "@/lib/openstack-cli/identity";
import { useFormErrors } from "@/lib/use-form-errors";
import { trpc } from "@/trpc/react";
import { useProjectRoleOptions } from "./use-project-role-options";
import { userFormSchemas } from "./user-form-schemas";

export function CreateUserDialog({ open, onClose }: { open: boolean; onClose: () => void }) {
  const t = useTranslations("identity.users");
  const tFields = useTranslations("identity.fields");
  const tCommon = useTranslations("common");
  const tValidation = useTranslations("identity.validation");
  const schemas = useMemo(() => userFormSchemas(tValidation), [tValidation]);
  const utils = trpc.useUtils();
  const toast = useToast();
  const errors = useFormErrors();
  const options = useProjectRoleOptions(open);
  const create = trpc.identity.users.create.useMutation({
    onSuccess: (user) => {
      void utils.identity.users.invalidate();
      toast.show(t("createdToast", { name: user.name }));
      errors.reset();
      onClose();
    },
    onError: errors.showError,
  });

  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const result = validateForm(schemas.createUser, formValues(event.currentTarget));
    if (!result.ok) return errors.showFieldErrors(result.fields);
    const { confirmPassword: _confirm, ...input } = result.data;
    create.mutate({ ...input, defaultProjectId: input.projectId });
  };

  const cancel = () => {
    errors.reset();
    onClose();
  };

  return (
    <Dialog open={open} onClose={cancel} title={t("create")} size="lg">
      <form onSubmit={submit} noValidate className="grid gap-4 sm:grid-cols-2">
        <TextField
          label={tFields("userName")}
          name="name"
          autoComplete="off"
          error={errors.fields.name}
          autoFocus
        />
        <TextField
          label={tFields("email")}
          name="email"
          type="email"
          autoComplete="off"
          error={errors.fields.email}
        />
        <TextField
          label={tFields("password")}
          name="password"
          type="password"
          autoComplete="new-password"
          error={errors.fields.password}
        />
        <TextField
          label={tFields("confirmPassword")}
          name="confirmPassword"
          type="password"
          autoComplete="new-password"
          error={errors.fields.confirmPassword}
        />
        <div className="sm:col-span-2">
          <TextField label={tFields("description")} name="description" error={errors.fields.description} />
        </div>
        <SelectField
          label={t("primaryProject")}
          name="projectId"
          placeholder={t("noProject")}
          options={options.projects}
          error={errors.fields.projectId}
          hint={t("primaryProjectHint")}
        />
        <SelectField
          label={t("roleOnProject")}
          name="roleId"
          placeholder={t("noRole")}
          options={options.roles}
          error={errors.fields.roleId}
        />
        <CheckboxField label={tFields("enabled")} name="enabled" defaultChecked />
        <div className="sm:col-span-2">
          <FormError message={errors.formError} />
          <DialogActions
            cli={(v) =>
              userCreate({
                name: v.name ?? "",
                email: v.email,
                description: v.description,
                hasPassword: Boolean(v.password),
                projectId: v.projectId,
                roleId: v.roleId,
                enabled: v.enabled === "on",
              })
            }
          >
            <Button onClick={cancel}>{tCommon("cancel")}</Button>
            <Button type="submit" variant="primary" busy={create.isPending}>
              {t("create")}
            </Button>
          </DialogActions>
        </div>
      </form>
    </Dialog>
  );
}
