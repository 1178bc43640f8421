"use client";

import { keepPreviousData } from "@tanstack/react-query";
import { Pencil, Rocket, Trash2, Upload } from "lucide-react";
import { useRouter } from "next/navigation";
import { useId, useState } from "react";
import { Age } from "@/components/age";
import { ConfirmDialog } from "@/components/confirm-dialog";
import { type Column, DataTable } from "@/components/data-table/data-table";
import { useListParams } from "@/components/data-table/list-params";
import { RowAction } from "@/components/row-action";
import { useToast } from "@/components/toast/toast-provider";
import { ToneBadge } from "@/components/tone-badge";
import { Button } from "@/components/ui/button";
import { formatBytes } from "@/lib/compute/format";
import { humanize } from "@/lib/compute/instance-actions";
import { IMAGE_TRANSITIONAL, imageStatusTone } from "@/lib/compute/instance-status";
import { IMAGES_LIST } from "@/lib/lists/images";
import { errorMessageOf } from "@/lib/trpc-errors";
import { type RouterInputs, type RouterOutputs, trpc } from "@/trpc/react";
import { EditImageDialog } from "./edit-image-dialog";
import { VISIBILITIES } from "./image-formats";
import { UploadImageDialog } from "./upload-image-dialog";

type Image = RouterOutputs["images"]["list"]["items"][number];
type SortKey = NonNullable<RouterInputs["images"]["list"]["sort"]>;

/** Images still being written (an upload, a snapshot) are re-read until they settle. */
const SETTLING_REFRESH_MS = 3000;

const muted = <span className="text-fg-muted">—</span>;

function columns(all: boolean): Column<Image, SortKey>[] {
  const list: Column<Image, SortKey>[] = [
    {
      key: "name",
      header: "Name",
      sortKey: "name",
      cell: (i) => <span className="font-medium whitespace-nowrap">{i.name || i.id}</span>,
    },
    {
      key: "status",
      header: "Status",
      sortKey: "status",
      cell: (i) => <ToneBadge tone={imageStatusTone(i.status)}>{humanize(i.status)}</ToneBadge>,
    },
    { key: "visibility", header: "Visibility", sortKey: "visibility", cell: (i) => humanize(i.visibility) },
    {
      key: "format",
      header: "Format",
      cell: (i) =>
        i.diskFormat ? `${i.diskFormat}${i.containerFormat ? ` / ${i.containerFormat}` : ""}` : muted,
    },
    { key: "size", header: "Size", sortKey: "size", cell: (i) => formatBytes(i.size) },
    {
      key: "min",
      header: "Min disk / RAM",
      cell: (i) => `${i.minDisk} GB / ${i.minRam} MB`,
    },
    {
      key: "age",
      header: "Age",
      sortKey: "created",
      cell: (i) => <Age iso={i.created} />,
    },
  ];
  if (all) {
    list.splice(3, 0, {
      key: "owner",
      header: "Owner project",
      cell: (i) => (i.owner ? <code className="text-xs">{i.owner}</code> : muted),
    });
  }
  return list;
}

function VisibilityFilter({ value, onChange }: { value: string; onChange: (v: string) => void }) {
  const id = useId();
  return (
    <div className="flex items-center gap-1.5">
      <label htmlFor={id} className="text-sm text-fg-muted">
        Visibility
      </label>
      <select
        id={id}
        value={value}
        onChange={(e) => onChange(e.target.value)}
        className="h-9 rounded-md border border-border bg-surface px-2 text-sm"
      >
        <option value="">Any</option>
        {VISIBILITIES.map((v) => (
          <option key={v} value={v}>
            {humanize(v)}
          </option>
        ))}
      </select>
    </div>
  );
}

type DialogState =
  | { kind: "none" }
  | { kind: "upload" }
  | { kind: "edit"; image: Image }
  | { kind: "delete"; image: Image };

/** Glance images, server-paged; upload, edit, delete, and launch from an image. */
export function ImagesTable({ scope }: { scope: "project" | "all" }) {
  const all = scope === "all";
  const router = useRouter();
  const toast = useToast();
  const utils = trpc.useUtils();
  const list = useListParams<SortKey, "visibility">(IMAGES_LIST.defaults, { filters: IMAGES_LIST.filters });
  const { visibility } = list.filters;
  const [dialog, setDialog] = useState<DialogState>({ kind: "none" });
  const close = () => setDialog({ kind: "none" });
  const query = trpc.images.list.useQuery(IMAGES_LIST.input(scope, list.params, list.filters), {
    placeholderData: keepPreviousData,
    refetchInterval: (q) =>
      q.state.data?.items.some((i) => IMAGE_TRANSITIONAL.has(i.status)) ? SETTLING_REFRESH_MS : false,
  });
  const remove = trpc.images.delete.useMutation({
    onSuccess: () => {
      if (dialog.kind === "delete") toast.show(`Image ${dialog.image.name} deleted.`);
      void utils.images.invalidate();
      void utils.compute.launchOptions.invalidate();
      close();
    },
  });

  return (
    <>
      <DataTable
        label={all ? "All images" : "Images"}
        columns={columns(all)}
        rowKey={(i) => i.id}
        list={list}
        data={query.data}
        isLoading={query.isLoading}
        error={query.error}
        onRetry={() => void query.refetch()}
        emptyTitle="No images yet."
        emptyHint="Upload a disk image (qcow2, raw or iso) to boot instances from it."
        filtered={Boolean(visibility)}
        filters={
          <VisibilityFilter
            value={visibility}
            onChange={(v) => {
              list.setFilter("visibility", v);
            }}
          />
        }
        toolbar={
          <Button variant="primary" onClick={() => setDialog({ kind: "upload" })}>
            <Upload size={16} aria-hidden /> Upload image
          </Button>
        }
        rowActions={(i) => (
          <>
            <RowAction
              icon={Rocket}
              label="Launch"
              subject={i.name}
              disabled={i.status !== "active"}
              onClick={() => router.push(`/project/instances/launch?imageId=${encodeURIComponent(i.id)}`)}
            />
            <RowAction
              icon={Pencil}
              label="Edit"
              subject={i.name}
              onClick={() => setDialog({ kind: "edit", image: i })}
            />
            <RowAction
              icon={Trash2}
              label="Delete"
              subject={i.name}
              danger
              disabled={i.protected}
              onClick={() => {
                remove.reset();
                setDialog({ kind: "delete", image: i });
              }}
            />
          </>
        )}
      />
      <UploadImageDialog open={dialog.kind === "upload"} onClose={close} />
      <EditImageDialog
        key={dialog.kind === "edit" ? dialog.image.id : "edit"}
        image={dialog.kind === "edit" ? dialog.image : null}
        onClose={close}
      />
      <ConfirmDialog
        open={dialog.kind === "delete"}
        title="Delete image"
        confirmLabel="Delete image"
        busy={remove.isPending}
        error={remove.error ? errorMessageOf(remove.error) : null}
        onCancel={close}
        onConfirm={() => dialog.kind === "delete" && remove.mutate({ id: dialog.image.id })}
      >
        {dialog.kind === "delete" ? (
          <p>
            Delete image <strong>{dialog.image.name}</strong>? Instances already running from it keep working,
            but no new instance can boot from it. This cannot be undone.
          </p>
        ) : null}
      </ConfirmDialog>
    </>
  );
}
