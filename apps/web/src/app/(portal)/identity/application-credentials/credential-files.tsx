"use client";

import { Download } from "lucide-react";
import { useTranslations } from "next-intl";
import { useId } from "react";
import { CopyButton } from "@/components/copy-button";
import { Button } from "@/components/ui/button";
import { downloadTextFile } from "@/lib/download-file";
import {
  type AppCredentialCloud,
  appCredentialCloudsYaml,
  appCredentialRc,
  cloudNameOf,
} from "@/lib/openstack-cli/credential-files";
import { useErrorMessage } from "@/lib/use-error-message";
import { trpc } from "@/trpc/react";

function FileBlock({
  title,
  filename,
  content,
  type,
  hint,
}: {
  title: string;
  filename: string;
  content: string;
  type: string;
  hint: React.ReactNode;
}) {
  const t = useTranslations("identity.appCredentials");
  const id = useId();
  return (
    <div className="flex flex-col gap-1.5">
      <div className="flex flex-wrap items-center justify-between gap-2">
        <label htmlFor={id} className="font-medium">
          {title}
        </label>
        <div className="flex gap-2">
          <CopyButton value={content} label={t("copyFile", { title })} />
          <Button
            size="sm"
            onClick={() => downloadTextFile(filename, content, type)}
            aria-label={t("downloadFile", { title })}
          >
            <Download size={15} aria-hidden /> {t("download")}
          </Button>
        </div>
      </div>
      <textarea
        id={id}
        readOnly
        rows={6}
        value={content}
        spellCheck={false}
        className="w-full resize-y rounded border border-border bg-surface-muted p-2 font-mono text-xs text-fg"
      />
      <p className="text-xs text-fg-muted">{hint}</p>
    </div>
  );
}

/**
 * clouds.yaml and an RC file for the credential just created, built here
 * from the token's catalog (auth URL, region): the secret stays in the
 * browser.
 */
export function CredentialFiles({
  credential,
}: {
  credential: { id: string; name: string; secret: string };
}) {
  const errorMessageOf = useErrorMessage();
  const t = useTranslations("identity.appCredentials");
  const facts = trpc.identity.apiAccess.catalog.useQuery(undefined, { staleTime: 60_000 });
  if (facts.error) {
    return <p className="text-danger">{t("filesFailed", { message: errorMessageOf(facts.error) })}</p>;
  }
  if (!facts.data) return <p className="text-fg-muted">{t("preparingFiles")}</p>;
  const cloud: AppCredentialCloud = {
    ...credential,
    authUrl: facts.data.authUrl,
    region: facts.data.region,
    interface: facts.data.interface,
  };
  const stem = cloudNameOf(credential.name);
  return (
    <div className="flex flex-col gap-3">
      <FileBlock
        title={t("cloudsYaml")}
        filename="clouds.yaml"
        type="application/yaml"
        content={appCredentialCloudsYaml(cloud)}
        hint={t.rich("cloudsYamlHint", { stem, code: (chunks) => <code>{chunks}</code> })}
      />
      <FileBlock
        title={t("rcFile")}
        filename={`${stem}-openrc.sh`}
        type="text/x-shellscript"
        content={appCredentialRc(cloud)}
        hint={t.rich("rcFileHint", { stem, code: (chunks) => <code>{chunks}</code> })}
      />
    </div>
  );
}
