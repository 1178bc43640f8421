"use client";

import { clsx } from "clsx";
import { useFormatter, useTranslations } from "next-intl";
import { formatGb, formatMb } from "@/i18n/format";
import type { RouterOutputs } from "@/trpc/react";

type Flavor = RouterOutputs["compute"]["launchOptions"]["flavors"][number];

interface FlavorPickerProps {
  flavors: readonly Flavor[];
  value: string;
  onChange: (flavorId: string) => void;
  /** Why a flavor is not available now, or null. */
  blockedReason: (flavor: Flavor) => string | null;
  error?: string;
}

/** Flavors as a radio table; unavailable ones stay visible, disabled, with the reason. */
export function FlavorPicker({ flavors, value, onChange, blockedReason, error }: FlavorPickerProps) {
  const t = useTranslations("compute.launch.flavor");
  const format = useFormatter();
  return (
    <fieldset aria-describedby={error ? "flavor-error" : undefined}>
      <legend className="sr-only">{t("legend")}</legend>
      <div className="overflow-x-auto rounded-lg border border-border">
        <table className="w-full text-left text-sm">
          <thead className="bg-surface-muted text-xs tracking-wide text-fg-muted uppercase">
            <tr>
              <th scope="col" className="px-3 py-2 font-semibold">
                {t("name")}
              </th>
              <th scope="col" className="px-3 py-2 font-semibold">
                {t("vcpus")}
              </th>
              <th scope="col" className="px-3 py-2 font-semibold">
                {t("ram")}
              </th>
              <th scope="col" className="px-3 py-2 font-semibold">
                {t("disk")}
              </th>
              <th scope="col" className="px-3 py-2 font-semibold">
                {t("availability")}
              </th>
            </tr>
          </thead>
          <tbody>
            {flavors.map((flavor) => {
              const reason = blockedReason(flavor);
              const id = `flavor-${flavor.id}`;
              return (
                <tr
                  key={flavor.id}
                  className={clsx(
                    "border-t border-border",
                    value === flavor.id && "bg-accent-soft",
                    reason && "text-fg-muted",
                  )}
                >
                  <td className="px-3 py-2">
                    <div className="flex items-center gap-2">
                      <input
                        id={id}
                        type="radio"
                        name="flavorId"
                        value={flavor.id}
                        checked={value === flavor.id}
                        disabled={Boolean(reason)}
                        aria-describedby={reason ? `${id}-reason` : undefined}
                        onChange={() => onChange(flavor.id)}
                        className="size-4 accent-[var(--accent)]"
                      />
                      <label htmlFor={id} className="font-medium">
                        {flavor.name}
                      </label>
                    </div>
                  </td>
                  <td className="px-3 py-2">{flavor.vcpus}</td>
                  <td className="px-3 py-2">{formatMb(format, flavor.ram)}</td>
                  <td className="px-3 py-2">{formatGb(format, flavor.disk)}</td>
                  <td className="px-3 py-2">
                    {reason ? (
                      <span id={`${id}-reason`} className="text-xs">
                        {reason}
                      </span>
                    ) : (
                      <span className="text-xs text-success">{t("available")}</span>
                    )}
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
      </div>
      {error ? (
        <p id="flavor-error" className="mt-1 text-xs font-medium text-danger">
          {error}
        </p>
      ) : null}
    </fieldset>
  );
}
