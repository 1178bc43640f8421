"use client";

import { Cable, Globe, Plus, ShieldCheck, Unplug, X } from "lucide-react";
import { useTranslations } from "next-intl";
import { useEffect, useRef, useState } from "react";
import { ConfirmDialog } from "@/components/confirm-dialog";
import { TableError } from "@/components/data-table/table-states";
import { EmptyState } from "@/components/empty-state";
import { useToast } from "@/components/toast/toast-provider";
import { ToneBadge } from "@/components/tone-badge";
import { Button } from "@/components/ui/button";
import { useErrorMessage } from "@/lib/use-error-message";
import { type RouterOutputs, trpc } from "@/trpc/react";
import {
  AddFloatingIpDialog,
  AttachInterfaceDialog,
  EditSecurityGroupsDialog,
  useInterfacesRefresh,
} from "./interface-dialogs";
import { portTone } from "./interface-forms";

type Interface = RouterOutputs["compute"]["instances"]["interfaces"]["interfaces"][number];
type FloatingIp = Interface["floatingIps"][number];

/** The columns in order; each one's header is `compute.interfaces.headers.<key>`. */
const HEADERS = ["network", "fixedIps", "mac", "status", "securityGroups", "floatingIp", "actions"] as const;

function DetachConfirm({ id, port, onClose }: { id: string; port: Interface | null; onClose: () => void }) {
  const errorMessageOf = useErrorMessage();
  const t = useTranslations("compute.interfaces");
  const toast = useToast();
  const refresh = useInterfacesRefresh(id);
  const detach = trpc.compute.instances.detachInterface.useMutation({
    onSuccess: () => {
      toast.show(t("detachedToast", { network: port?.networkName ?? t("theNetwork") }));
      refresh();
      onClose();
    },
  });
  const close = () => {
    detach.reset();
    onClose();
  };
  return (
    <ConfirmDialog
      open={port !== null}
      title={t("detachTitle")}
      confirmLabel={t("detach")}
      busy={detach.isPending}
      error={detach.error ? errorMessageOf(detach.error) : null}
      onConfirm={() => port && detach.mutate({ id, portId: port.portId })}
      onCancel={close}
    >
      {t.rich("detachConfirm", {
        network: port?.networkName ?? "",
        addresses: port?.fixedIps.map((f) => f.address).join(", ") || t("noAddress"),
        strong: (chunks) => <strong>{chunks}</strong>,
      })}
    </ConfirmDialog>
  );
}

function RemoveFloatingConfirm({
  id,
  floatingIp,
  onClose,
}: {
  id: string;
  floatingIp: FloatingIp | null;
  onClose: () => void;
}) {
  const errorMessageOf = useErrorMessage();
  const t = useTranslations("compute.interfaces");
  const toast = useToast();
  const refresh = useInterfacesRefresh(id);
  const [release, setRelease] = useState(false);
  const remove = trpc.compute.instances.removeFloatingIp.useMutation({
    onSuccess: () => {
      toast.show(
        t(release ? "floatingReleasedToast" : "floatingDisassociatedToast", {
          address: floatingIp?.address ?? "",
        }),
      );
      refresh();
      close();
    },
  });
  const close = () => {
    remove.reset();
    setRelease(false);
    onClose();
  };
  return (
    <ConfirmDialog
      open={floatingIp !== null}
      title={t("removeFloatingTitle")}
      confirmLabel={release ? t("removeAndRelease") : t("remove")}
      busy={remove.isPending}
      error={remove.error ? errorMessageOf(remove.error) : null}
      onConfirm={() => floatingIp && remove.mutate({ id, floatingIpId: floatingIp.id, release })}
      onCancel={close}
    >
      <p>
        {t.rich("stopsReaching", {
          address: floatingIp?.address ?? "",
          strong: (chunks) => <strong>{chunks}</strong>,
        })}
      </p>
      <label className="mt-3 flex items-center gap-2">
        <input
          type="checkbox"
          checked={release}
          onChange={(e) => setRelease(e.target.checked)}
          className="size-4 accent-[var(--accent)]"
        />
        {t("alsoRelease")}
      </label>
    </ConfirmDialog>
  );
}

function InterfaceRow({
  item,
  onAddFloating,
  onRemoveFloating,
  onDetach,
}: {
  item: Interface;
  onAddFloating: () => void;
  onRemoveFloating: (f: FloatingIp) => void;
  onDetach: () => void;
}) {
  const t = useTranslations("compute.interfaces");
  return (
    <tr className="border-t border-border align-top">
      <th scope="row" className="px-3 py-2 text-left font-medium">
        {item.networkName}
        {item.name ? <span className="block text-xs font-normal text-fg-muted">{item.name}</span> : null}
      </th>
      <td className="px-3 py-2 font-mono text-xs">
        {item.fixedIps.map((f) => (
          <span key={f.address} className="block">
            {f.address}
          </span>
        ))}
      </td>
      <td className="px-3 py-2 font-mono text-xs">{item.macAddress}</td>
      <td className="px-3 py-2">
        <ToneBadge tone={portTone(item.status)}>{t("portStatus", { code: item.status })}</ToneBadge>
      </td>
      <td className="px-3 py-2">{item.securityGroups.map((g) => g.name).join(", ") || t("noGroups")}</td>
      <td className="px-3 py-2 font-mono text-xs">
        {item.floatingIps.map((f) => (
          <span key={f.id} className="flex items-center gap-1">
            <Globe size={12} aria-hidden className="text-accent" />
            {f.address}
            <Button
              size="sm"
              variant="ghost"
              aria-label={t("removeFloatingLabel", { address: f.address })}
              onClick={() => onRemoveFloating(f)}
            >
              <X size={14} aria-hidden />
            </Button>
          </span>
        ))}
        {item.floatingIps.length === 0 ? <span className="font-sans text-fg-muted">—</span> : null}
      </td>
      <td className="px-3 py-2">
        <div className="flex flex-wrap gap-1">
          <Button
            size="sm"
            onClick={onAddFloating}
            aria-label={t("addFloatingLabel", { network: item.networkName })}
          >
            <Globe size={14} aria-hidden /> {t("addFloating")}
          </Button>
          <Button size="sm" onClick={onDetach} aria-label={t("detachLabel", { network: item.networkName })}>
            <Unplug size={14} aria-hidden /> {t("detach")}
          </Button>
        </div>
      </td>
    </tr>
  );
}

/**
 * The instance's ports with their addresses, MACs, groups and floating IPs,
 * and the actions on them. `addressesKey` changes when the instance update
 * stream reports new addresses, which re-reads the ports (a change made
 * elsewhere shows here too).
 */
export function InterfacesPanel({ id, addressesKey }: { id: string; addressesKey: string }) {
  const t = useTranslations("compute.interfaces");
  const query = trpc.compute.instances.interfaces.useQuery({ id }, { staleTime: 0 });
  const utils = trpc.useUtils();
  const [attaching, setAttaching] = useState(false);
  const [editingGroups, setEditingGroups] = useState(false);
  const [floatingFor, setFloatingFor] = useState<Interface | null>(null);
  const [removing, setRemoving] = useState<FloatingIp | null>(null);
  const [detaching, setDetaching] = useState<Interface | null>(null);

  const seenKey = useRef(addressesKey);
  useEffect(() => {
    // The pushed instance changed its addresses (attach, detach, floating IP, from anywhere): read the ports again.
    if (seenKey.current === addressesKey) return;
    seenKey.current = addressesKey;
    void utils.compute.instances.interfaces.invalidate({ id });
  }, [addressesKey, id, utils]);

  if (query.error && !query.data)
    return <TableError error={query.error} onRetry={() => void query.refetch()} />;
  if (!query.data) return <p className="text-sm text-fg-muted">{t("loading")}</p>;
  const { interfaces, securityGroups } = query.data;

  return (
    <div className="flex flex-col gap-3">
      <div className="flex flex-wrap items-center justify-between gap-2">
        <p className="text-sm text-fg-muted">
          {t("securityGroupsLine", {
            groups: securityGroups.map((g) => g.name).join(", ") || t("noGroupsLower"),
          })}
        </p>
        <div className="flex gap-2">
          <Button onClick={() => setEditingGroups(true)} disabled={interfaces.length === 0}>
            <ShieldCheck size={16} aria-hidden /> {t("editSecurityGroups")}
          </Button>
          <Button variant="primary" onClick={() => setAttaching(true)}>
            <Plus size={16} aria-hidden /> {t("attachInterface")}
          </Button>
        </div>
      </div>
      {interfaces.length === 0 ? (
        <EmptyState icon={Cable} title={t("empty")}>
          {t("emptyHint")}
        </EmptyState>
      ) : (
        <div className="overflow-x-auto rounded-lg border border-border bg-surface">
          <table aria-label={t("title")} className="w-full text-left text-sm">
            <thead className="bg-surface-muted text-xs tracking-wide text-fg-muted uppercase">
              <tr>
                {HEADERS.map((h) => (
                  <th key={h} scope="col" className="px-3 py-2 font-semibold">
                    {t(`headers.${h}`)}
                  </th>
                ))}
              </tr>
            </thead>
            <tbody>
              {interfaces.map((item) => (
                <InterfaceRow
                  key={item.portId}
                  item={item}
                  onAddFloating={() => setFloatingFor(item)}
                  onRemoveFloating={setRemoving}
                  onDetach={() => setDetaching(item)}
                />
              ))}
            </tbody>
          </table>
        </div>
      )}
      <AttachInterfaceDialog id={id} open={attaching} onClose={() => setAttaching(false)} />
      <EditSecurityGroupsDialog
        id={id}
        current={securityGroups.map((g) => g.id)}
        open={editingGroups}
        onClose={() => setEditingGroups(false)}
      />
      <AddFloatingIpDialog id={id} port={floatingFor} onClose={() => setFloatingFor(null)} />
      <RemoveFloatingConfirm id={id} floatingIp={removing} onClose={() => setRemoving(null)} />
      <DetachConfirm id={id} port={detaching} onClose={() => setDetaching(null)} />
    </div>
  );
}
