"use client";

import { clsx } from "clsx";
import { Plus, Trash2 } from "lucide-react";
import { useTranslations } from "next-intl";
import { type FormEvent, useId, useRef, useState } from "react";
import { CONTROL_CLASSES } from "@/components/form/field-shell";
import { FormError } from "@/components/form/form-error";
import { useToast } from "@/components/toast/toast-provider";
import { Button } from "@/components/ui/button";
import { validateForm } from "@/lib/field-errors";
import { useFormErrors } from "@/lib/use-form-errors";
import { type RouterOutputs, trpc } from "@/trpc/react";
import { MAX_ROUTES, type RouteRow, routesFormSchema } from "./router-routes-schema";

type RouterDetail = RouterOutputs["network"]["routers"]["get"];

interface EditableRoute extends RouteRow {
  key: number;
}

function RouteInput({
  label,
  value,
  error,
  placeholder,
  onChange,
}: {
  label: string;
  value: string;
  error: string | undefined;
  placeholder: string;
  onChange: (value: string) => void;
}) {
  const id = useId();
  return (
    <div className="flex flex-col gap-1">
      <input
        id={id}
        aria-label={label}
        aria-invalid={error ? true : undefined}
        aria-describedby={error ? `${id}-error` : undefined}
        value={value}
        placeholder={placeholder}
        autoComplete="off"
        spellCheck={false}
        onChange={(e) => onChange(e.target.value)}
        className={clsx(CONTROL_CLASSES, "font-mono")}
      />
      {error ? (
        <p id={`${id}-error`} className="text-xs font-medium text-danger">
          {error}
        </p>
      ) : null}
    </div>
  );
}

/**
 * The router's static routes as an editable list; Save replaces them all.
 * Checked here first (CIDR, address, next hop on an attached subnet), then
 * by Neutron, whose refusal shows above the buttons.
 */
export function RouterRoutesEditor({ router }: { router: RouterDetail }) {
  const t = useTranslations("network.routerRoutes");
  const tValidation = useTranslations("network.validation");
  const utils = trpc.useUtils();
  const toast = useToast();
  const errors = useFormErrors();
  const headingId = useId();
  const nextKey = useRef(0);
  const withKeys = (routes: readonly RouteRow[]): EditableRoute[] =>
    routes.map((r) => ({ ...r, key: nextKey.current++ }));
  const [rows, setRows] = useState<EditableRoute[]>(() => withKeys(router.routes));
  const attached = [...new Set(router.interfaces.map((i) => i.cidr).filter((c): c is string => c !== null))];
  const dirty =
    rows.length !== router.routes.length ||
    rows.some(
      (r, i) => r.destination !== router.routes[i]?.destination || r.nexthop !== router.routes[i]?.nexthop,
    );

  const save = trpc.network.routers.setRoutes.useMutation({
    onSuccess: () => {
      void utils.network.routers.invalidate();
      toast.show(t("savedToast"));
      errors.reset();
    },
    onError: errors.showError,
  });

  const update = (key: number, field: keyof RouteRow, value: string) =>
    setRows((all) => all.map((r) => (r.key === key ? { ...r, [field]: value } : r)));

  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const result = validateForm(routesFormSchema(tValidation, attached), {
      routes: rows.map(({ destination, nexthop }) => ({ destination, nexthop })),
    });
    if (!result.ok) return errors.showFieldErrors(result.fields);
    save.mutate({ id: router.id, routes: result.data.routes });
  };

  return (
    <form
      onSubmit={submit}
      noValidate
      aria-labelledby={headingId}
      className="rounded-lg border border-border bg-surface p-4"
    >
      <h2 id={headingId} className="text-sm font-semibold">
        {t("heading")}
      </h2>
      <p className="mt-1 text-sm text-fg-muted">
        {attached.length > 0 ? t("explainAttached", { cidrs: attached.join(", ") }) : t("explainNone")}
      </p>
      {rows.length === 0 ? (
        <p className="mt-4 text-sm text-fg-muted">{t("none")}</p>
      ) : (
        <ul className="mt-4 flex flex-col gap-3" aria-label={t("listLabel")}>
          <li
            aria-hidden
            className="hidden grid-cols-[1fr_1fr_auto] gap-3 text-xs font-semibold text-fg-muted uppercase sm:grid"
          >
            <span>{t("destination")}</span>
            <span>{t("nexthop")}</span>
            <span className="w-9" />
          </li>
          {rows.map((row, i) => (
            <li key={row.key} className="grid grid-cols-[1fr_1fr_auto] items-start gap-3">
              <RouteInput
                label={t("destinationOf", { n: i + 1 })}
                value={row.destination}
                placeholder="192.168.10.0/24"
                error={errors.fields[`routes.${i}.destination`]}
                onChange={(v) => update(row.key, "destination", v)}
              />
              <RouteInput
                label={t("nexthopOf", { n: i + 1 })}
                value={row.nexthop}
                placeholder="10.0.0.10"
                error={errors.fields[`routes.${i}.nexthop`]}
                onChange={(v) => update(row.key, "nexthop", v)}
              />
              <Button
                variant="ghost"
                aria-label={t("removeRoute", { n: i + 1 })}
                title={t("removeRoute", { n: i + 1 })}
                className="text-danger"
                onClick={() => setRows((all) => all.filter((r) => r.key !== row.key))}
              >
                <Trash2 size={15} aria-hidden />
              </Button>
            </li>
          ))}
        </ul>
      )}
      <FormError message={errors.formError ?? errors.fields.routes} />
      <div className="mt-4 flex flex-wrap justify-between gap-2">
        <Button
          onClick={() => setRows((all) => [...all, { destination: "", nexthop: "", key: nextKey.current++ }])}
          disabled={rows.length >= MAX_ROUTES}
          title={rows.length >= MAX_ROUTES ? t("maxRoutes", { max: MAX_ROUTES }) : undefined}
        >
          <Plus size={16} aria-hidden /> {t("addRoute")}
        </Button>
        <div className="flex gap-2">
          <Button
            disabled={!dirty || save.isPending}
            onClick={() => {
              errors.reset();
              setRows(withKeys(router.routes));
            }}
          >
            {t("discard")}
          </Button>
          <Button type="submit" variant="primary" busy={save.isPending} disabled={!dirty}>
            {t("save")}
          </Button>
        </div>
      </div>
    </form>
  );
}
