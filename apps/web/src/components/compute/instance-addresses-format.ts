import type { useTranslations } from "next-intl";

export interface IpAddress {
  address: string;
  network: string;
  floating: boolean;
}

/**
 * The compact view of an instance's addresses for the list: the first
 * `max` shown, the rest counted as "+n". Floating IPs come first among
 * the shown ones, as they are the ones people reach the instance by.
 */
export function compactAddresses(all: readonly IpAddress[], max = 2) {
  const ordered = [...all.filter((a) => a.floating), ...all.filter((a) => !a.floating)];
  return { shown: ordered.slice(0, max), hidden: Math.max(0, ordered.length - max), all: ordered };
}

/** The translator of `compute.addresses`. */
export type AddressesT = ReturnType<typeof useTranslations<"compute.addresses">>;

/** One line of the full list, e.g. "172.24.4.10 (floating, public)", in the reader's language. */
export function describeAddress(t: AddressesT, a: IpAddress): string {
  const args = { address: a.address, network: a.network };
  return a.floating ? t("floatingLine", args) : t("fixedLine", args);
}
