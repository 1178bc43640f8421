"use client";

import { TriangleAlert } from "lucide-react";
import { useTranslations } from "next-intl";
import { type FormEvent, useMemo, useState } from "react";
import { FormError } from "@/components/form/form-error";
import { TextField } from "@/components/form/text-field";
import { useToast } from "@/components/toast/toast-provider";
import { Button } from "@/components/ui/button";
import { Dialog } from "@/components/ui/dialog";
import { DialogActions } from "@/components/ui/dialog-actions";
import { downloadTextFile } from "@/lib/download-file";
import { formValues, validateForm } from "@/lib/field-errors";
import { keypairCreate } from "@/lib/openstack-cli/keypair";
import { useFormErrors } from "@/lib/use-form-errors";
import { trpc } from "@/trpc/react";
import { keyPairSchemas } from "./key-pair-schemas";

/**
 * Creates a key pair in the cloud; its private key exists only in this
 * answer, so it downloads at once as <name>.pem and is never shown again.
 */
export function CreateKeyPairDialog({ open, onClose }: { open: boolean; onClose: () => void }) {
  const t = useTranslations("compute.keyPairs");
  const tCommon = useTranslations("common");
  const tValidation = useTranslations("compute.keyPairs.validation");
  const schemas = useMemo(() => keyPairSchemas(tValidation), [tValidation]);
  const toast = useToast();
  const utils = trpc.useUtils();
  const errors = useFormErrors();
  const [downloaded, setDownloaded] = useState<string | null>(null);
  const create = trpc.compute.keyPairs.create.useMutation({
    onSuccess: ({ keyPair, privateKey }) => {
      void utils.compute.keyPairs.invalidate();
      void utils.compute.launchOptions.invalidate();
      if (privateKey === null) {
        // Nova 2.92+ no longer generates keys: nothing to download.
        toast.show(t("createdNoKeyToast", { name: keyPair.name }), "info");
        close();
        return;
      }
      const filename = `${keyPair.name}.pem`;
      downloadTextFile(filename, privateKey, "application/x-pem-file");
      setDownloaded(filename);
      toast.show(t("createdToast", { name: keyPair.name, file: filename }));
      errors.reset();
    },
    onError: errors.showError,
  });
  const close = () => {
    errors.reset();
    setDownloaded(null);
    onClose();
  };
  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const result = validateForm(schemas.createKeyPair, formValues(event.currentTarget));
    if (!result.ok) return errors.showFieldErrors(result.fields);
    create.mutate(result.data);
  };

  return (
    <Dialog open={open} onClose={close} title={t("create")}>
      {downloaded ? (
        <div className="flex flex-col gap-3 text-sm">
          <p role="status">
            {t.rich("downloadedAs", { file: downloaded, strong: (chunks) => <strong>{chunks}</strong> })}
          </p>
          <p className="flex gap-2 rounded-md border border-warning bg-warning-soft px-3 py-2">
            <TriangleAlert size={16} aria-hidden className="mt-0.5 shrink-0 text-warning" />
            {t.rich("keepSafe", { file: downloaded, code: (chunks) => <code>{chunks}</code> })}
          </p>
          <DialogActions>
            <Button variant="primary" onClick={close} autoFocus>
              {tCommon("done")}
            </Button>
          </DialogActions>
        </div>
      ) : (
        <form onSubmit={submit} noValidate className="flex flex-col gap-4">
          <TextField
            label={t("nameLabel")}
            name="name"
            error={errors.fields.name}
            autoComplete="off"
            autoFocus
          />
          <p className="flex gap-2 rounded-md border border-warning bg-warning-soft px-3 py-2 text-sm">
            <TriangleAlert size={16} aria-hidden className="mt-0.5 shrink-0 text-warning" />
            {t("downloadsOnce")}
          </p>
          <FormError message={errors.formError} />
          <DialogActions
            cli={(v) =>
              keypairCreate({
                name: v.name ?? "",
                privateKeyFile: v.name?.trim() ? `${v.name.trim()}.pem` : undefined,
              })
            }
          >
            <Button onClick={close}>{tCommon("cancel")}</Button>
            <Button type="submit" variant="primary" busy={create.isPending}>
              {t("createAndDownload")}
            </Button>
          </DialogActions>
        </form>
      )}
    </Dialog>
  );
}
