"use client";

import { TriangleAlert } from "lucide-react";
import { useTranslations } from "next-intl";
import { CopyButton } from "@/components/copy-button";
import { Button } from "@/components/ui/button";
import { Dialog } from "@/components/ui/dialog";
import { DialogActions } from "@/components/ui/dialog-actions";
import type { CreatedAppCredential } from "./create-app-credential-dialog";
import { CredentialFiles } from "./credential-files";

interface AppCredentialSecretDialogProps {
  credential: CreatedAppCredential | null;
  onClose: () => void;
}

/** Shows the new credential's secret, once; it is kept only in this component's state. */
export function AppCredentialSecretDialog({ credential, onClose }: AppCredentialSecretDialogProps) {
  const t = useTranslations("identity.appCredentials");
  const tFields = useTranslations("identity.fields");
  return (
    <Dialog open={credential !== null} onClose={onClose} title={t("createdTitle")} size="lg">
      {credential ? (
        <div className="flex flex-col gap-4 text-sm">
          <p
            role="alert"
            className="flex gap-2 rounded-md border border-warning bg-warning-soft px-3 py-2 text-fg"
          >
            <TriangleAlert size={18} aria-hidden className="shrink-0 text-warning" />
            {t("secretWarning")}
          </p>
          <dl className="grid grid-cols-[8rem_1fr] items-center gap-x-3 gap-y-2">
            <dt className="text-fg-muted">{tFields("name")}</dt>
            <dd className="font-medium">{credential.name}</dd>
            <dt className="text-fg-muted">{tFields("id")}</dt>
            <dd className="flex items-center gap-2">
              <code className="break-all text-xs">{credential.id}</code>
              <CopyButton value={credential.id} label={t("copyId")} />
            </dd>
            <dt className="text-fg-muted">{t("secret")}</dt>
            <dd className="flex items-center gap-2">
              <input
                readOnly
                aria-label={t("secret")}
                value={credential.secret}
                onFocus={(e) => e.currentTarget.select()}
                className="h-8 min-w-0 flex-1 rounded border border-border bg-surface-muted px-1.5 font-mono text-xs"
              />
              <CopyButton value={credential.secret} label={t("copySecret")} />
            </dd>
          </dl>
          <CredentialFiles credential={credential} />
          <DialogActions>
            <Button variant="primary" onClick={onClose}>
              {t("saved")}
            </Button>
          </DialogActions>
        </div>
      ) : null}
    </Dialog>
  );
}
