"use client";

import { NextIntlClientProvider, useLocale, useMessages } from "next-intl";
import { type ReactNode, useMemo } from "react";
import { mergeMessages } from "./client-namespaces";

type Tree = Parameters<typeof mergeMessages>[1];

/**
 * next-intl's provider replaces its parent's messages rather than adding to
 * them: this one adds a page's messages to the layout's (locale, time zone
 * and formats are inherited).
 */
export function MessagesScope({ messages, children }: { messages: Tree; children: ReactNode }) {
  const parent = useMessages();
  const locale = useLocale();
  const merged = useMemo(() => mergeMessages(parent, messages), [parent, messages]);
  return (
    <NextIntlClientProvider locale={locale} messages={merged}>
      {children}
    </NextIntlClientProvider>
  );
}
