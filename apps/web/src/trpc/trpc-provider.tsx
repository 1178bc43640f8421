"use client";

import { QueryClientProvider } from "@tanstack/react-query";
import { httpBatchLink, httpSubscriptionLink, splitLink } from "@trpc/client";
import { type ReactNode, useState } from "react";
import { createQueryClient } from "./query-client";
import { trpc } from "./react";

const TRPC_URL = "/api/trpc";

export function TrpcProvider({ children }: { children: ReactNode }) {
  const [queryClient] = useState(createQueryClient);
  const [trpcClient] = useState(() =>
    trpc.createClient({
      links: [
        // Subscriptions (live instance status) stream as server-sent events through the same proxy.
        splitLink({
          condition: (op) => op.type === "subscription",
          true: httpSubscriptionLink({ url: TRPC_URL }),
          false: httpBatchLink({
            url: TRPC_URL,
            // The BFF refuses mutations without it: a cross-site form cannot send a custom header.
            headers: { "x-zenith-csrf": "1" },
            fetch: (url, init) => fetch(url, { ...init, credentials: "same-origin" }),
          }),
        }),
      ],
    }),
  );
  return (
    <trpc.Provider client={trpcClient} queryClient={queryClient}>
      <QueryClientProvider client={queryClient}>{children}</QueryClientProvider>
    </trpc.Provider>
  );
}
