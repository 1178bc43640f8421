import { createTranslator, type NamespaceKeys, type NestedKeyOf } from "next-intl";
import { type AppMessages, messagesFor } from "../i18n/catalog";
import type { RowMenuItem } from "./row-menu";

/**
 * For the `*-menu-items.test.ts` files: the English messages of one area,
 * and a menu reduced to what the tests compare (key, label, the reason it
 * does not apply) plus the actions selected so far.
 */
export const englishIn = <N extends NamespaceKeys<AppMessages, NestedKeyOf<AppMessages>>>(namespace: N) =>
  createTranslator({ locale: "en", messages: messagesFor("en"), namespace });

export function menuSummary(items: readonly RowMenuItem[]) {
  return items.map((item) => ({
    key: item.key,
    label: item.label,
    reason: item.disabledReason ?? null,
    ...(item.danger ? { danger: true } : {}),
  }));
}

/** An `open` callback that records what it was asked to open. */
export function recorder<A extends string>() {
  const opened: A[] = [];
  return { opened, open: (action: A) => void opened.push(action) };
}
