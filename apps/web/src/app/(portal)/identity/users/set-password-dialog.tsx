"use client";

import { useTranslations } from "next-intl";
import { type FormEvent, useMemo } from "react";
import { FormError } from "@/components/form/form-error";
import { TextField } from "@/components/form/text-field";
import { useToast } from "@/components/toast/toast-provider";
import { Button } from "@/components/ui/button";
import { Dialog } from "@/components/ui/dialog";
import { DialogActions } from "@/components/ui/dialog-actions";
import { formValues, validateForm } from "@/lib/field-errors";
import { userSetPassword } from "@/lib/openstack-cli/identity";
import { useFormErrors } from "@/lib/use-form-errors";
import { trpc } from "@/trpc/react";
import { userFormSchemas } from "./user-form-schemas";

interface SetPasswordDialogProps {
  user: { id: string; name: string } | null;
  onClose: () => void;
}

export function SetPasswordDialog({ user, onClose }: SetPasswordDialogProps) {
  const t = useTranslations("identity.users");
  const tFields = useTranslations("identity.fields");
  const tCommon = useTranslations("common");
  const tValidation = useTranslations("identity.validation");
  const schemas = useMemo(() => userFormSchemas(tValidation), [tValidation]);
  const toast = useToast();
  const errors = useFormErrors();
  const setPassword = trpc.identity.users.setPassword.useMutation({
    onSuccess: () => {
      toast.show(t("passwordToast", { name: user?.name ?? "" }));
      errors.reset();
      onClose();
    },
    onError: errors.showError,
  });

  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    if (!user) return;
    const result = validateForm(schemas.passwordPair, formValues(event.currentTarget));
    if (!result.ok) return errors.showFieldErrors(result.fields);
    setPassword.mutate({ id: user.id, password: result.data.password });
  };

  const cancel = () => {
    errors.reset();
    onClose();
  };

  return (
    <Dialog
      open={user !== null}
      onClose={cancel}
      title={t("setPasswordTitle", { name: user?.name ?? "" })}
      description={t("setPasswordDescription")}
    >
      <form onSubmit={submit} noValidate className="flex flex-col gap-4">
        <TextField
          label={tFields("newPassword")}
          name="password"
          type="password"
          autoComplete="new-password"
          error={errors.fields.password}
          autoFocus
        />
        <TextField
          label={tFields("confirmPassword")}
          name="confirmPassword"
          type="password"
          autoComplete="new-password"
          error={errors.fields.confirmPassword}
        />
        <FormError message={errors.formError} />
        <DialogActions cli={userSetPassword(user?.id ?? "")}>
          <Button onClick={cancel}>{tCommon("cancel")}</Button>
          <Button type="submit" variant="primary" busy={setPassword.isPending}>
            {t("setPassword")}
          </Button>
        </DialogActions>
      </form>
    </Dialog>
  );
}
