"use client";

import { ExternalLink, RefreshCw } from "lucide-react";
import Link from "next/link";
import { useFormatter, useTranslations } from "next-intl";
import type { ReactNode } from "react";
import { CheckboxField } from "@/components/form/checkbox-field";
import { SelectField } from "@/components/form/select-field";
import { TextField } from "@/components/form/text-field";
import { TextareaField } from "@/components/form/textarea-field";
import { Button } from "@/components/ui/button";
import { formatBytes, formatGb, formatMb } from "@/i18n/format";
import type { FieldErrors } from "@/lib/field-errors";
import type { RouterOutputs } from "@/trpc/react";
import { FlavorPicker } from "./flavor-picker";
import { type LaunchDraft, remaining } from "./launch-schema";
import { MetadataEditor } from "./metadata-editor";

export type LaunchOptions = RouterOutputs["compute"]["launchOptions"];
type Flavor = LaunchOptions["flavors"][number];

export interface StepProps {
  draft: LaunchDraft;
  update: (patch: Partial<LaunchDraft>) => void;
  errors: FieldErrors;
  options: LaunchOptions;
}

export function DetailsStep({ draft, update, errors, options }: StepProps) {
  const t = useTranslations("compute.launch.details");
  const left = remaining(options.quota.instances);
  return (
    <div className="grid gap-4 sm:grid-cols-2">
      <div className="sm:col-span-2">
        <TextField
          label={t("instanceName")}
          name="name"
          value={draft.name}
          onChange={(e) => update({ name: e.target.value })}
          error={errors.name}
          hint={t("nameHint")}
          autoComplete="off"
          autoFocus
        />
      </div>
      <TextField
        label={t("count")}
        name="count"
        type="number"
        min={1}
        inputMode="numeric"
        value={draft.count}
        onChange={(e) => update({ count: e.target.value })}
        error={errors.count}
        hint={Number.isFinite(left) ? t("quotaAllows", { count: left }) : t("noInstanceLimit")}
      />
      <SelectField
        label={t("availabilityZone")}
        name="availabilityZone"
        value={draft.availabilityZone}
        onChange={(e) => update({ availabilityZone: e.target.value })}
        placeholder={t("anyAvailabilityZone")}
        options={options.availabilityZones.map((z) => ({ value: z, label: z }))}
        error={errors.availabilityZone}
      />
    </div>
  );
}

/** The smallest volume an image fits in, in GiB. */
function minVolumeGb(image: { minDisk: number; size: number | null } | undefined): number {
  if (!image) return 1;
  return Math.max(1, image.minDisk, Math.ceil((image.size ?? 0) / 1024 ** 3));
}

export function SourceStep({ draft, update, errors, options }: StepProps) {
  const t = useTranslations("compute.launch.source");
  const format = useFormatter();
  const images = options.images.filter((i) => i.status === "active");
  const image = images.find((i) => i.id === draft.imageId);
  return (
    <div className="flex flex-col gap-4">
      <SelectField
        label={t("imageOrSnapshot")}
        name="imageId"
        value={draft.imageId}
        onChange={(e) => update({ imageId: e.target.value })}
        placeholder={images.length === 0 ? t("noActiveImages") : t("chooseImage")}
        options={images.map((i) => ({ value: i.id, label: i.name || i.id }))}
        error={errors.imageId}
        hint={t("snapshotsHint")}
      />
      <fieldset className="grid gap-2">
        <legend className="mb-1 text-sm font-medium">{t("bootFrom")}</legend>
        <label className="flex items-center gap-2 text-sm">
          <input
            type="radio"
            name="bootSource"
            value="image"
            checked={draft.bootSource === "image"}
            onChange={() => update({ bootSource: "image" })}
            className="accent-[var(--accent)]"
          />
          {t("bootImage")}
        </label>
        <label className="flex items-center gap-2 text-sm">
          <input
            type="radio"
            name="bootSource"
            value="volume"
            checked={draft.bootSource === "volume"}
            onChange={() =>
              update({ bootSource: "volume", volumeSize: draft.volumeSize || String(minVolumeGb(image)) })
            }
            className="accent-[var(--accent)]"
          />
          {t("bootVolume")}
        </label>
      </fieldset>
      {draft.bootSource === "volume" ? (
        <div className="grid gap-3 rounded-lg border border-border p-3">
          <TextField
            label={t("volumeSize")}
            name="volumeSize"
            type="number"
            min={minVolumeGb(image)}
            value={draft.volumeSize}
            onChange={(e) => update({ volumeSize: e.target.value })}
            error={errors.volumeSize}
            hint={t("volumeSizeHint", { size: minVolumeGb(image) })}
          />
          <CheckboxField
            label={t("deleteOnTermination")}
            name="deleteOnTermination"
            checked={draft.deleteOnTermination}
            onChange={(e) => update({ deleteOnTermination: e.target.checked })}
          />
        </div>
      ) : null}
      {images.length === 0 ? (
        <p className="text-sm text-fg-muted">
          {t.rich("noImage", {
            link: (chunks) => (
              <Link href="/project/images" className="text-accent hover:underline">
                {chunks}
              </Link>
            ),
          })}
        </p>
      ) : null}
      {image ? (
        <dl
          aria-label={t("requirements")}
          className="grid grid-cols-3 gap-3 rounded-lg border border-border p-3 text-sm"
        >
          <div>
            <dt className="text-xs text-fg-muted">{t("size")}</dt>
            <dd className="font-medium">{formatBytes(format, image.size)}</dd>
          </div>
          <div>
            <dt className="text-xs text-fg-muted">{t("minDisk")}</dt>
            <dd className="font-medium">{image.minDisk > 0 ? formatGb(format, image.minDisk) : t("none")}</dd>
          </div>
          <div>
            <dt className="text-xs text-fg-muted">{t("minRam")}</dt>
            <dd className="font-medium">{image.minRam > 0 ? formatMb(format, image.minRam) : t("none")}</dd>
          </div>
        </dl>
      ) : null}
    </div>
  );
}

export function FlavorStep({
  draft,
  update,
  errors,
  options,
  blockedReason,
}: StepProps & { blockedReason: (flavor: Flavor) => string | null }) {
  return (
    <FlavorPicker
      flavors={options.flavors}
      value={draft.flavorId}
      onChange={(flavorId) => update({ flavorId })}
      blockedReason={blockedReason}
      error={errors.flavorId}
    />
  );
}

export function KeyPairStep({
  draft,
  update,
  errors,
  options,
  onRefresh,
  refreshing,
}: StepProps & { onRefresh: () => void; refreshing: boolean }) {
  const t = useTranslations("compute.launch.keyPair");
  return (
    <div className="flex flex-col gap-3">
      <SelectField
        label={t("label")}
        name="keyName"
        value={draft.keyName}
        onChange={(e) => update({ keyName: e.target.value })}
        placeholder={t("none")}
        options={options.keyPairs.map((k) => ({
          value: k.name,
          label: t("option", { name: k.name, fingerprint: k.fingerprint }),
        }))}
        error={errors.keyName}
        hint={t("hint")}
      />
      <div className="flex flex-wrap items-center gap-3 text-sm">
        <Link
          href="/project/key-pairs"
          target="_blank"
          rel="noopener"
          className="inline-flex items-center gap-1 text-accent hover:underline"
        >
          {t("createOrImport")} <ExternalLink size={14} aria-hidden />
          <span className="sr-only">{t("opensInNewTab")}</span>
        </Link>
        <Button size="sm" variant="ghost" onClick={onRefresh} busy={refreshing}>
          <RefreshCw size={14} aria-hidden /> {t("refresh")}
        </Button>
      </div>
    </div>
  );
}

export function ConfigurationStep({ draft, update, errors }: StepProps) {
  const t = useTranslations("compute.launch.configuration");
  return (
    <div className="flex flex-col gap-5">
      <TextareaField
        label={t("userData")}
        name="userData"
        rows={6}
        value={draft.userData}
        onChange={(e) => update({ userData: e.target.value })}
        error={errors.userData}
        // i18n-ignore: a cloud-config example, YAML the same in every language
        placeholder={"#cloud-config\npackages:\n  - nginx"}
        className="font-mono"
      />
      <MetadataEditor rows={draft.metadata} onChange={(metadata) => update({ metadata })} errors={errors} />
    </div>
  );
}

function ReviewRow({ label, children }: { label: string; children: ReactNode }) {
  return (
    <div className="grid grid-cols-[10rem_1fr] gap-3 border-t border-border py-2 first:border-t-0">
      <dt className="text-fg-muted">{label}</dt>
      <dd className="min-w-0 break-words">{children}</dd>
    </div>
  );
}

export function ReviewStep({ draft, options }: StepProps) {
  const t = useTranslations("compute.launch.review");
  const format = useFormatter();
  const image = options.images.find((i) => i.id === draft.imageId);
  const flavor = options.flavors.find((f) => f.id === draft.flavorId);
  const metadata = draft.metadata.filter((m) => m.key.trim());
  return (
    <dl aria-label={t("summary")} className="text-sm">
      <ReviewRow label={t("name")}>{draft.name || "—"}</ReviewRow>
      <ReviewRow label={t("count")}>{draft.count}</ReviewRow>
      <ReviewRow label={t("availabilityZone")}>{draft.availabilityZone || t("any")}</ReviewRow>
      <ReviewRow label={t("image")}>
        {draft.bootSource === "volume"
          ? t(draft.deleteOnTermination ? "bootVolumeDeleted" : "bootVolumeKept", {
              image: image?.name ?? "—",
              size: draft.volumeSize,
            })
          : (image?.name ?? "—")}
      </ReviewRow>
      <ReviewRow label={t("flavor")}>
        {flavor
          ? t("flavorSummary", {
              name: flavor.name,
              vcpus: flavor.vcpus,
              ram: formatMb(format, flavor.ram),
              disk: flavor.disk,
            })
          : "—"}
      </ReviewRow>
      <ReviewRow label={t("networks")}>
        {draft.withoutNetwork
          ? t("noInterface")
          : options.network
            ? draft.networks.length > 0
              ? draft.networks
                  .map((c, i) =>
                    c.kind === "port"
                      ? t("nicPort", {
                          index: i,
                          name: options.network?.ports.find((p) => p.id === c.id)?.name || c.id,
                        })
                      : t("nicNetwork", {
                          index: i,
                          name: options.network?.networks.find((n) => n.id === c.id)?.name ?? c.id,
                        }),
                  )
                  .join(", ")
              : t("noneChosen")
            : t("chosenByCloud")}
      </ReviewRow>
      <ReviewRow label={t("securityGroups")}>
        {draft.withoutNetwork
          ? t("none")
          : draft.securityGroupIds
              .map((id) => options.network?.securityGroups.find((g) => g.id === id)?.name ?? id)
              .join(", ") || t("none")}
      </ReviewRow>
      <ReviewRow label={t("keyPair")}>{draft.keyName || t("none")}</ReviewRow>
      <ReviewRow label={t("userData")}>
        {draft.userData.trim() ? t("characters", { count: draft.userData.length }) : t("none")}
      </ReviewRow>
      <ReviewRow label={t("metadata")}>
        {metadata.length > 0 ? metadata.map((m) => `${m.key.trim()}=${m.value}`).join(", ") : t("none")}
      </ReviewRow>
    </dl>
  );
}
