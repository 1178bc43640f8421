"use client";

import { ExternalLink, RefreshCw } from "lucide-react";
import Link from "next/link";
import { CheckboxField } from "@/components/form/checkbox-field";
import { SelectField } from "@/components/form/select-field";
import { TextField } from "@/components/form/text-field";
import { TextareaField } from "@/components/form/textarea-field";
import { Button } from "@/components/ui/button";
import { formatBytes, formatMb } from "@/lib/compute/format";
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
  const left = remaining(options.quota.instances);
  return (
    <div className="grid gap-4 sm:grid-cols-2">
      <div className="sm:col-span-2">
        <TextField
          label="Instance name"
          name="name"
          value={draft.name}
          onChange={(e) => update({ name: e.target.value })}
          error={errors.name}
          hint="With a count above 1, instances are named name-1, name-2, …"
          autoComplete="off"
          autoFocus
        />
      </div>
      <TextField
        label="Count"
        name="count"
        type="number"
        min={1}
        inputMode="numeric"
        value={draft.count}
        onChange={(e) => update({ count: e.target.value })}
        error={errors.count}
        hint={Number.isFinite(left) ? `The instance quota allows ${left} more.` : "No instance limit."}
      />
      <SelectField
        label="Availability zone"
        name="availabilityZone"
        value={draft.availabilityZone}
        onChange={(e) => update({ availabilityZone: e.target.value })}
        placeholder="Any availability zone"
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
  const images = options.images.filter((i) => i.status === "active");
  const image = images.find((i) => i.id === draft.imageId);
  return (
    <div className="flex flex-col gap-4">
      <SelectField
        label="Image or snapshot"
        name="imageId"
        value={draft.imageId}
        onChange={(e) => update({ imageId: e.target.value })}
        placeholder={images.length === 0 ? "No active images" : "Choose an image"}
        options={images.map((i) => ({ value: i.id, label: i.name || i.id }))}
        error={errors.imageId}
        hint="Snapshots of instances are images too."
      />
      <fieldset className="grid gap-2">
        <legend className="mb-1 text-sm font-medium">Boot from</legend>
        <label className="flex items-center gap-2 text-sm">
          <input
            type="radio"
            name="bootSource"
            value="image"
            checked={draft.bootSource === "image"}
            onChange={() => update({ bootSource: "image" })}
            className="accent-[var(--accent)]"
          />
          Image (the instance's own disk)
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
          Image (new volume): the disk is a volume that can outlive the instance
        </label>
      </fieldset>
      {draft.bootSource === "volume" ? (
        <div className="grid gap-3 rounded-lg border border-border p-3">
          <TextField
            label="Volume size (GiB)"
            name="volumeSize"
            type="number"
            min={minVolumeGb(image)}
            value={draft.volumeSize}
            onChange={(e) => update({ volumeSize: e.target.value })}
            error={errors.volumeSize}
            hint={`At least ${minVolumeGb(image)} GiB for this image.`}
          />
          <CheckboxField
            label="Delete the volume when the instance is deleted"
            name="deleteOnTermination"
            checked={draft.deleteOnTermination}
            onChange={(e) => update({ deleteOnTermination: e.target.checked })}
          />
        </div>
      ) : null}
      {images.length === 0 ? (
        <p className="text-sm text-fg-muted">
          No image is ready to boot.{" "}
          <Link href="/project/images" className="text-accent hover:underline">
            Upload an image
          </Link>{" "}
          first.
        </p>
      ) : null}
      {image ? (
        <dl
          aria-label="Image requirements"
          className="grid grid-cols-3 gap-3 rounded-lg border border-border p-3 text-sm"
        >
          <div>
            <dt className="text-xs text-fg-muted">Size</dt>
            <dd className="font-medium">{formatBytes(image.size)}</dd>
          </div>
          <div>
            <dt className="text-xs text-fg-muted">Minimum disk</dt>
            <dd className="font-medium">{image.minDisk > 0 ? `${image.minDisk} GB` : "None"}</dd>
          </div>
          <div>
            <dt className="text-xs text-fg-muted">Minimum RAM</dt>
            <dd className="font-medium">{image.minRam > 0 ? formatMb(image.minRam) : "None"}</dd>
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
  return (
    <div className="flex flex-col gap-3">
      <SelectField
        label="Key pair"
        name="keyName"
        value={draft.keyName}
        onChange={(e) => update({ keyName: e.target.value })}
        placeholder="No key pair"
        options={options.keyPairs.map((k) => ({ value: k.name, label: `${k.name} (${k.fingerprint})` }))}
        error={errors.keyName}
        hint="The public key is put into the guest so you can log in with SSH."
      />
      <div className="flex flex-wrap items-center gap-3 text-sm">
        <Link
          href="/project/key-pairs"
          target="_blank"
          rel="noopener"
          className="inline-flex items-center gap-1 text-accent hover:underline"
        >
          Create or import a key pair <ExternalLink size={14} aria-hidden />
          <span className="sr-only">(opens in a new tab)</span>
        </Link>
        <Button size="sm" variant="ghost" onClick={onRefresh} busy={refreshing}>
          <RefreshCw size={14} aria-hidden /> Refresh key pairs
        </Button>
      </div>
    </div>
  );
}

export function ConfigurationStep({ draft, update, errors }: StepProps) {
  return (
    <div className="flex flex-col gap-5">
      <TextareaField
        label="User data"
        name="userData"
        rows={6}
        value={draft.userData}
        onChange={(e) => update({ userData: e.target.value })}
        error={errors.userData}
        placeholder={"#cloud-config\npackages:\n  - nginx"}
        className="font-mono"
      />
      <MetadataEditor rows={draft.metadata} onChange={(metadata) => update({ metadata })} errors={errors} />
    </div>
  );
}

function ReviewRow({ label, children }: { label: string; children: React.ReactNode }) {
  return (
    <div className="grid grid-cols-[10rem_1fr] gap-3 border-t border-border py-2 first:border-t-0">
      <dt className="text-fg-muted">{label}</dt>
      <dd className="min-w-0 break-words">{children}</dd>
    </div>
  );
}

export function ReviewStep({ draft, options }: StepProps) {
  const image = options.images.find((i) => i.id === draft.imageId);
  const flavor = options.flavors.find((f) => f.id === draft.flavorId);
  const metadata = draft.metadata.filter((m) => m.key.trim());
  return (
    <dl aria-label="Launch summary" className="text-sm">
      <ReviewRow label="Name">{draft.name || "—"}</ReviewRow>
      <ReviewRow label="Count">{draft.count}</ReviewRow>
      <ReviewRow label="Availability zone">{draft.availabilityZone || "Any"}</ReviewRow>
      <ReviewRow label="Image">
        {image?.name ?? "—"}
        {draft.bootSource === "volume"
          ? ` → new ${draft.volumeSize} GiB volume${draft.deleteOnTermination ? ", deleted with the instance" : ", kept after the instance"}`
          : ""}
      </ReviewRow>
      <ReviewRow label="Flavor">
        {flavor
          ? `${flavor.name} (${flavor.vcpus} vCPU, ${formatMb(flavor.ram)} RAM, ${flavor.disk} GB disk)`
          : "—"}
      </ReviewRow>
      <ReviewRow label="Networks">
        {draft.withoutNetwork
          ? "None (no interface)"
          : options.network
            ? draft.networks.length > 0
              ? draft.networks
                  .map((c, i) =>
                    c.kind === "port"
                      ? `eth${i}: port ${options.network?.ports.find((p) => p.id === c.id)?.name || c.id}`
                      : `eth${i}: ${options.network?.networks.find((n) => n.id === c.id)?.name ?? c.id}`,
                  )
                  .join(", ")
              : "None chosen"
            : "Chosen by the cloud"}
      </ReviewRow>
      <ReviewRow label="Security groups">
        {draft.withoutNetwork
          ? "None"
          : draft.securityGroupIds
              .map((id) => options.network?.securityGroups.find((g) => g.id === id)?.name ?? id)
              .join(", ") || "None"}
      </ReviewRow>
      <ReviewRow label="Key pair">{draft.keyName || "None"}</ReviewRow>
      <ReviewRow label="User data">
        {draft.userData.trim() ? `${draft.userData.length} characters` : "None"}
      </ReviewRow>
      <ReviewRow label="Metadata">
        {metadata.length > 0 ? metadata.map((m) => `${m.key.trim()}=${m.value}`).join(", ") : "None"}
      </ReviewRow>
    </dl>
  );
}
