"use client";

import { keepPreviousData } from "@tanstack/react-query";
import { Upload } from "lucide-react";
import { useRouter } from "next/navigation";
import { useFormatter, useTranslations } from "next-intl";
import { useId, useMemo, useState } from "react";
import { Age } from "@/components/age";
import { ConfirmDialog } from "@/components/confirm-dialog";
import { type Column, DataTable, queryProps } from "@/components/data-table/data-table";
import { useListParams } from "@/components/data-table/list-params";
import { useRowActionParam } from "@/components/palette/use-row-action-param";
import { RowActionButtons } from "@/components/row-action";
import { useToast } from "@/components/toast/toast-provider";
import { ToneBadge } from "@/components/tone-badge";
import { Button } from "@/components/ui/button";
import { lazyDialog } from "@/components/ui/lazy-dialog";
import { type Formatter, formatBytes } from "@/i18n/format";
import { IMAGE_TRANSITIONAL, imageStatusTone } from "@/lib/compute/instance-status";
import { type StateLabels, useStateLabels } from "@/lib/compute/state-labels";
import { IMAGES_LIST } from "@/lib/lists/images";
import { useErrorMessage } from "@/lib/use-error-message";
import { type RouterInputs, type RouterOutputs, trpc } from "@/trpc/react";
import { VISIBILITIES } from "./image-formats";
import { imageMenuItems } from "./image-menu-items";

type Image = RouterOutputs["images"]["list"]["items"][number];
type SortKey = NonNullable<RouterInputs["images"]["list"]["sort"]>;

/** Images still being written (an upload, a snapshot) are re-read until they settle. */
const SETTLING_REFRESH_MS = 3000;

const muted = <span className="text-fg-muted">—</span>;

// The forms (and their zod schemas) load on first open.
const UploadImageDialog = lazyDialog(
  () => import("./upload-image-dialog").then((m) => m.UploadImageDialog),
  (props) => props.open,
);
const EditImageDialog = lazyDialog(
  () => import("./edit-image-dialog").then((m) => m.EditImageDialog),
  (props) => props.image !== null,
);

type ImagesT = ReturnType<typeof useTranslations<"compute.images">>;

function columns(all: boolean, t: ImagesT, states: StateLabels, format: Formatter): Column<Image, SortKey>[] {
  const list: Column<Image, SortKey>[] = [
    {
      key: "name",
      header: t("name"),
      sortKey: "name",
      cell: (i) => <span className="font-medium whitespace-nowrap">{i.name || i.id}</span>,
    },
    {
      key: "status",
      header: t("status"),
      sortKey: "status",
      cell: (i) => <ToneBadge tone={imageStatusTone(i.status)}>{states.imageStatus(i.status)}</ToneBadge>,
    },
    {
      key: "visibility",
      header: t("visibility"),
      sortKey: "visibility",
      cell: (i) => states.visibility(i.visibility),
    },
    {
      key: "format",
      header: t("format"),
      cell: (i) => {
        if (!i.diskFormat) return muted;
        return i.containerFormat
          ? t("formatPair", { disk: i.diskFormat, container: i.containerFormat })
          : i.diskFormat;
      },
    },
    { key: "size", header: t("size"), sortKey: "size", cell: (i) => formatBytes(format, i.size) },
    {
      key: "min",
      header: t("minDiskRam"),
      cell: (i) => t("minDiskRamValue", { disk: i.minDisk, ram: i.minRam }),
    },
    {
      key: "age",
      header: t("age"),
      sortKey: "created",
      cell: (i) => <Age iso={i.created} />,
    },
  ];
  if (all) {
    list.splice(3, 0, {
      key: "owner",
      header: t("ownerProject"),
      cell: (i) => (i.owner ? <code className="text-xs">{i.owner}</code> : muted),
    });
  }
  return list;
}

function VisibilityFilter({ value, onChange }: { value: string; onChange: (v: string) => void }) {
  const t = useTranslations("compute.images");
  const states = useStateLabels();
  const id = useId();
  return (
    <div className="flex items-center gap-1.5">
      <label htmlFor={id} className="text-sm text-fg-muted">
        {t("visibility")}
      </label>
      <select
        id={id}
        value={value}
        onChange={(e) => onChange(e.target.value)}
        className="h-9 rounded-md border border-border bg-surface px-2 text-sm"
      >
        <option value="">{t("anyVisibility")}</option>
        {VISIBILITIES.map((v) => (
          <option key={v} value={v}>
            {states.visibility(v)}
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
  const errorMessageOf = useErrorMessage();
  const all = scope === "all";
  const t = useTranslations("compute.images");
  const states = useStateLabels();
  const format = useFormatter();
  const tableColumns = useMemo(() => columns(all, t, states, format), [all, t, states, format]);
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
      if (dialog.kind === "delete") toast.show(t("deletedToast", { name: dialog.image.name }));
      void utils.images.invalidate();
      void utils.compute.launchOptions.invalidate();
      close();
    },
  });
  const menuOf = (image: Image) =>
    imageMenuItems(t, image, (action) => {
      if (action === "launch") {
        router.push(`/project/instances/launch?imageId=${encodeURIComponent(image.id)}`);
        return;
      }
      if (action === "delete") remove.reset();
      setDialog({ kind: action, image });
    });
  // `?action=<menu key>&id=<image>` (the command palette) opens that row's dialog.
  useRowActionParam({
    rows: query.data?.items,
    idOf: (i) => i.id,
    itemsOf: menuOf,
    lookup: (id) => utils.images.get.fetch({ id }),
  });

  return (
    <>
      <DataTable
        label={all ? t("allTitle") : t("title")}
        columns={tableColumns}
        rowKey={(i) => i.id}
        list={list}
        {...queryProps(query)}
        emptyTitle={t("empty")}
        emptyHint={t("emptyHint")}
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
            <Upload size={16} aria-hidden /> {t("upload")}
          </Button>
        }
        rowActions={(i) => <RowActionButtons subject={i.name} items={menuOf(i)} />}
      />
      <UploadImageDialog open={dialog.kind === "upload"} onClose={close} />
      <EditImageDialog
        key={dialog.kind === "edit" ? dialog.image.id : "edit"}
        image={dialog.kind === "edit" ? dialog.image : null}
        onClose={close}
      />
      <ConfirmDialog
        open={dialog.kind === "delete"}
        title={t("deleteTitle")}
        confirmLabel={t("deleteTitle")}
        busy={remove.isPending}
        error={remove.error ? errorMessageOf(remove.error) : null}
        onCancel={close}
        onConfirm={() => dialog.kind === "delete" && remove.mutate({ id: dialog.image.id })}
      >
        {dialog.kind === "delete" ? (
          <p>
            {t.rich("deleteConfirm", {
              name: dialog.image.name,
              strong: (chunks) => <strong>{chunks}</strong>,
            })}
          </p>
        ) : null}
      </ConfirmDialog>
    </>
  );
}
