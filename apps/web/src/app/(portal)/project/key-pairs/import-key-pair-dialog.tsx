"use client";

import { useTranslations } from "next-intl";
import { type ChangeEvent, type FormEvent, useId, useMemo, useState } from "react";
import { FormError } from "@/components/form/form-error";
import { TextField } from "@/components/form/text-field";
import { TextareaField } from "@/components/form/textarea-field";
import { useToast } from "@/components/toast/toast-provider";
import { Button } from "@/components/ui/button";
import { Dialog } from "@/components/ui/dialog";
import { DialogActions } from "@/components/ui/dialog-actions";
import { formValues, validateForm } from "@/lib/field-errors";
import { keypairImport } from "@/lib/openstack-cli/keypair";
import { useFormErrors } from "@/lib/use-form-errors";
import { trpc } from "@/trpc/react";
import { keyPairSchemas } from "./key-pair-schemas";

/** Registers an existing public key (pasted, or read from a .pub file). */
export function ImportKeyPairDialog({ open, onClose }: { open: boolean; onClose: () => void }) {
  const t = useTranslations("compute.keyPairs");
  const tCommon = useTranslations("common");
  const tValidation = useTranslations("compute.keyPairs.validation");
  const schemas = useMemo(() => keyPairSchemas(tValidation), [tValidation]);
  const toast = useToast();
  const utils = trpc.useUtils();
  const errors = useFormErrors();
  const fileId = useId();
  const [publicKey, setPublicKey] = useState("");
  const importKey = trpc.compute.keyPairs.import.useMutation({
    onSuccess: (keyPair) => {
      toast.show(t("importedToast", { name: keyPair.name }));
      void utils.compute.keyPairs.invalidate();
      void utils.compute.launchOptions.invalidate();
      close();
    },
    onError: errors.showError,
  });
  const close = () => {
    errors.reset();
    setPublicKey("");
    onClose();
  };
  const readFile = async (event: ChangeEvent<HTMLInputElement>) => {
    const file = event.target.files?.[0];
    if (file) setPublicKey((await file.text()).trim());
  };
  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const result = validateForm(schemas.importKeyPair, formValues(event.currentTarget));
    if (!result.ok) return errors.showFieldErrors(result.fields);
    importKey.mutate(result.data);
  };
  return (
    <Dialog open={open} onClose={close} title={t("importTitle")} size="lg">
      <form onSubmit={submit} noValidate className="flex flex-col gap-4">
        <TextField
          label={t("nameLabel")}
          name="name"
          error={errors.fields.name}
          autoComplete="off"
          autoFocus
        />
        <TextareaField
          label={t("publicKey")}
          name="publicKey"
          rows={5}
          value={publicKey}
          onChange={(e) => setPublicKey(e.target.value)}
          error={errors.fields.publicKey}
          // i18n-ignore: an OpenSSH key line, the same in every language
          placeholder="ssh-ed25519 AAAAC3Nz… user@host"
          className="font-mono text-xs"
        />
        <div className="flex items-center gap-2 text-sm">
          <label htmlFor={fileId} className="text-fg-muted">
            {t("readFromFile")}
          </label>
          <input id={fileId} type="file" accept=".pub,text/plain" onChange={readFile} className="text-sm" />
        </div>
        <FormError message={errors.formError} />
        <DialogActions
          cli={(v) => keypairImport({ name: v.name ?? "", hasPublicKey: Boolean(v.publicKey?.trim()) })}
        >
          <Button onClick={close}>{tCommon("cancel")}</Button>
          <Button type="submit" variant="primary" busy={importKey.isPending}>
            {t("importTitle")}
          </Button>
        </DialogActions>
      </form>
    </Dialog>
  );
}
