import { getMessages } from "next-intl/server";
import type { ReactNode } from "react";
import { type ClientNamespace, pickMessages } from "./client-namespaces";
import { MessagesScope } from "./messages-scope";

/**
 * Hands the client components below it the messages of `namespaces`
 * (beside the root layout's, ROOT_CLIENT_NAMESPACES), so a page's HTML
 * carries its own area's messages and no other's. A page wraps everything it
 * renders in it; client-namespaces.test.ts checks the list against the
 * namespaces its client components read.
 */
export async function ClientMessages({
  namespaces,
  children,
}: {
  namespaces: readonly ClientNamespace[];
  children: ReactNode;
}) {
  const messages = await getMessages();
  return <MessagesScope messages={pickMessages(messages, namespaces)}>{children}</MessagesScope>;
}
