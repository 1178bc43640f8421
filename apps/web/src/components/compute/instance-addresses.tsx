"use client";

import * as Tooltip from "@radix-ui/react-tooltip";
import { Globe } from "lucide-react";
import { useTranslations } from "next-intl";
import { compactAddresses, describeAddress, type IpAddress } from "./instance-addresses-format";

function Address({ a }: { a: IpAddress }) {
  const t = useTranslations("compute.addresses");
  return (
    <li className="flex items-center gap-1" title={describeAddress(t, a)}>
      <span>{a.address}</span>
      {a.floating ? (
        <span className="inline-flex items-center gap-0.5 rounded bg-accent-soft px-1 text-[10px] font-sans text-accent">
          <Globe size={10} aria-hidden /> {t("floating")}
        </span>
      ) : null}
    </li>
  );
}

/**
 * The Addresses cell: two addresses (floating first, marked), then "+n" with
 * the full list in a Radix tooltip, shown on hover and on keyboard focus
 * (Escape hides it) and portalled, so the table's scroll box cannot clip it.
 */
export function InstanceAddresses({ addresses }: { addresses: readonly IpAddress[] }) {
  const t = useTranslations("compute.addresses");
  const { shown, hidden, all } = compactAddresses(addresses);
  return (
    <div className="font-mono text-xs">
      <ul>
        {shown.map((a) => (
          <Address key={`${a.network}-${a.address}`} a={a} />
        ))}
      </ul>
      {hidden > 0 ? (
        <Tooltip.Provider delayDuration={200}>
          <Tooltip.Root>
            <Tooltip.Trigger asChild>
              <button
                type="button"
                className="rounded px-1 font-sans text-fg-muted underline decoration-dotted hover:text-fg focus-visible:outline-2 focus-visible:outline-ring"
              >
                {t("more", { count: hidden })}
              </button>
            </Tooltip.Trigger>
            <Tooltip.Portal>
              <Tooltip.Content
                side="bottom"
                align="start"
                sideOffset={4}
                collisionPadding={8}
                className="z-50 min-w-56 rounded-md border border-border bg-surface p-2 font-mono text-xs text-fg shadow-lg"
              >
                <ul className="flex flex-col gap-0.5">
                  {all.map((a) => (
                    <li key={`${a.network}-${a.address}`}>{describeAddress(t, a)}</li>
                  ))}
                </ul>
              </Tooltip.Content>
            </Tooltip.Portal>
          </Tooltip.Root>
        </Tooltip.Provider>
      ) : null}
    </div>
  );
}
