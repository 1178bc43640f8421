"use client";

import { Download } from "lucide-react";
import { useState } from "react";
import { FormError } from "@/components/form/form-error";
import { InfoCard } from "@/components/info-card";
import { Button } from "@/components/ui/button";
import { downloadTextFile } from "@/lib/download-file";
import { errorMessageOf } from "@/lib/trpc-errors";
import { trpc } from "@/trpc/react";
import { EndpointCatalog } from "./endpoint-catalog";

type FileKind = "openrc" | "cloudsYaml";

export function ApiAccessView({ identityUrl }: { identityUrl: string }) {
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
      <InfoCard title="Identity endpoint">
        <code className="break-all">{identityUrl}</code>
      </InfoCard>
      <div className="grid gap-4 md:grid-cols-2">
        <InfoCard title="OpenStack RC file">
          <p className="mb-3 text-fg-muted">
            A shell script for the <code>openstack</code> CLI. Run <code>source &lt;file&gt;</code>; it asks
            for your password and keeps it only in that shell.
          </p>
          <Button variant="primary" busy={busy === "openrc"} onClick={() => void download("openrc")}>
            <Download size={16} aria-hidden /> Download OpenStack RC file
          </Button>
        </InfoCard>
        <InfoCard title="clouds.yaml">
          <p className="mb-3 text-fg-muted">
            For <code>openstack --os-cloud</code>, openstacksdk and Terraform. Put it in{" "}
            <code>~/.config/openstack/</code>; add your password or use an application credential.
          </p>
          <Button variant="primary" busy={busy === "cloudsYaml"} onClick={() => void download("cloudsYaml")}>
            <Download size={16} aria-hidden /> Download clouds.yaml
          </Button>
        </InfoCard>
      </div>
      <FormError message={error} />
      <section aria-labelledby="endpoint-catalog-title" className="flex flex-col gap-2">
        <h2 id="endpoint-catalog-title" className="text-base font-semibold">
          Endpoint catalog
        </h2>
        <p className="text-sm text-fg-muted">
          The service endpoints your token lists, as <code>openstack catalog list</code> shows them.
        </p>
        <EndpointCatalog />
      </section>
    </div>
  );
}
