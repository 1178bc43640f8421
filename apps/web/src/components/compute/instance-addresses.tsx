"use client";

import { Globe } from "lucide-react";
import { useTranslations } from "next-intl";
import { useId } from "react";
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

/** The Addresses cell: two addresses (floating first, marked), then "+n" with the full list on hover or focus. */
export function InstanceAddresses({ addresses }: { addresses: readonly IpAddress[] }) {
  const t = useTranslations("compute.addresses");
  const id = useId();
  const { shown, hidden, all } = compactAddresses(addresses);
  return (
    <div className="group relative font-mono text-xs">
      <ul>
        {shown.map((a) => (
          <Address key={`${a.network}-${a.address}`} a={a} />
        ))}
      </ul>
      {hidden > 0 ? (
        <>
          <button
            type="button"
            aria-describedby={id}
            // The native tooltip too, for when the table's scroll box clips the popup.
            title={all.map((a) => describeAddress(t, a)).join("\n")}
            className="rounded px-1 font-sans text-fg-muted underline decoration-dotted hover:text-fg focus-visible:outline-2 focus-visible:outline-ring"
          >
            {t("more", { count: hidden })}
          </button>
          <div
            id={id}
            role="tooltip"
            className="absolute left-0 top-full z-20 hidden min-w-56 rounded-md border border-border bg-surface p-2 text-fg shadow-lg group-focus-within:block group-hover:block"
          >
            <ul className="flex flex-col gap-0.5">
              {all.map((a) => (
                <li key={`${a.network}-${a.address}`}>{describeAddress(t, a)}</li>
              ))}
            </ul>
          </div>
        </>
      ) : null}
    </div>
  );
}
