"use client";

import { Download } from "lucide-react";
import { useTranslations } from "next-intl";
import { type ReactNode, useState } from "react";
import { FormError } from "@/components/form/form-error";
import { InfoCard } from "@/components/info-card";
import { Button } from "@/components/ui/button";
import { downloadTextFile } from "@/lib/download-file";
import { useErrorMessage } from "@/lib/use-error-message";
import { trpc } from "@/trpc/react";
import { EndpointCatalog } from "./endpoint-catalog";

type FileKind = "openrc" | "cloudsYaml";

export function ApiAccessView({ identityUrl }: { identityUrl: string }) {
  const errorMessageOf = useErrorMessage();
  const t = useTranslations("identity.apiAccess");
  const code = (chunks: ReactNode) => <code>{chunks}</code>;
  const utils = trpc.useUtils();
  const [busy, setBusy] = useState<FileKind | null>(null);
  const [error, setError] = useState<string | null>(null);

  const download = async (kind: FileKind) => {
    setBusy(kind);
    setError(null);
    try {
      const file =
        kind === "openrc"
          ? await utils.identity.apiAccess.openrc.fetch(undefined, { staleTime: 0 })
          : await utils.identity.apiAccess.cloudsYaml.fetch(undefined, { staleTime: 0 });
      downloadTextFile(
        file.filename,
        file.content,
        kind === "openrc" ? "text/x-shellscript" : "application/yaml",
      );
    } catch (cause) {
      setError(errorMessageOf(cause));
    } finally {
      setBusy(null);
    }
  };

  return (
    <div className="flex flex-col gap-4">
      <InfoCard title={t("identityEndpoint")}>
        <code className="break-all">{identityUrl}</code>
      </InfoCard>
      <div className="grid gap-4 md:grid-cols-2">
        <InfoCard title={t("rcTitle")}>
          <p className="mb-3 text-fg-muted">{t.rich("rcText", { code, file: "<file>" })}</p>
          <Button variant="primary" busy={busy === "openrc"} onClick={() => void download("openrc")}>
            <Download size={16} aria-hidden /> {t("rcDownload")}
          </Button>
        </InfoCard>
        <InfoCard title={t("cloudsTitle")}>
          <p className="mb-3 text-fg-muted">{t.rich("cloudsText", { code })}</p>
          <Button variant="primary" busy={busy === "cloudsYaml"} onClick={() => void download("cloudsYaml")}>
            <Download size={16} aria-hidden /> {t("cloudsDownload")}
          </Button>
        </InfoCard>
      </div>
      <FormError message={error} />
      <section aria-labelledby="endpoint-catalog-title" className="flex flex-col gap-2">
        <h2 id="endpoint-catalog-title" className="text-base font-semibold">
          {t("catalog")}
        </h2>
        <p className="text-sm text-fg-muted">{t.rich("catalogText", { code })}</p>
        <EndpointCatalog />
      </section>
    </div>
  );
}
