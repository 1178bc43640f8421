"use client";

import { TriangleAlert } from "lucide-react";
import { type FormEvent, useState } from "react";
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
import { CreateKeyPairSchema } from "./key-pair-schemas";

/**
 * Creates a key pair in the cloud; its private key exists only in this
 * answer, so it downloads at once as <name>.pem and is never shown again.
 */
export function CreateKeyPairDialog({ open, onClose }: { open: boolean; onClose: () => void }) {
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
        toast.show(`Key pair ${keyPair.name} created; this cloud returned no private key.`, "info");
        close();
        return;
      }
      const filename = `${keyPair.name}.pem`;
      downloadTextFile(filename, privateKey, "application/x-pem-file");
      setDownloaded(filename);
      toast.show(`Key pair ${keyPair.name} created; ${filename} downloaded.`);
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
    const result = validateForm(CreateKeyPairSchema, formValues(event.currentTarget));
    if (!result.ok) return errors.showFieldErrors(result.fields);
    create.mutate(result.data);
  };

  return (
    <Dialog open={open} onClose={close} title="Create key pair">
      {downloaded ? (
        <div className="flex flex-col gap-3 text-sm">
          <p role="status">
            The private key was downloaded as <strong>{downloaded}</strong>.
          </p>
          <p className="flex gap-2 rounded-md border border-warning bg-warning-soft px-3 py-2">
            <TriangleAlert size={16} aria-hidden className="mt-0.5 shrink-0 text-warning" />
            Keep it safe: the cloud does not store it and it cannot be downloaded again. Run{" "}
            <code>chmod 600 {downloaded}</code> before using it with ssh.
          </p>
          <DialogActions>
            <Button variant="primary" onClick={close} autoFocus>
              Done
            </Button>
          </DialogActions>
        </div>
      ) : (
        <form onSubmit={submit} noValidate className="flex flex-col gap-4">
          <TextField
            label="Key pair name"
            name="name"
            error={errors.fields.name}
            autoComplete="off"
            autoFocus
          />
          <p className="flex gap-2 rounded-md border border-warning bg-warning-soft px-3 py-2 text-sm">
            <TriangleAlert size={16} aria-hidden className="mt-0.5 shrink-0 text-warning" />
            The private key downloads once, right after creation. It is not stored anywhere else.
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
            <Button onClick={close}>Cancel</Button>
            <Button type="submit" variant="primary" busy={create.isPending}>
              Create and download
            </Button>
          </DialogActions>
        </form>
      )}
    </Dialog>
  );
}
