import { MutationCache, QueryCache, QueryClient } from "@tanstack/react-query";
import { trpcCodeOf } from "@/lib/trpc-errors";

export const EXPIRED_LOGIN_URL = "/login?reason=expired";

const NO_RETRY_CODES = new Set(["UNAUTHORIZED", "FORBIDDEN", "NOT_FOUND", "BAD_REQUEST", "CONFLICT"]);

function redirectWhenSessionEnded(error: unknown): void {
  if (trpcCodeOf(error) === "UNAUTHORIZED" && typeof window !== "undefined") {
    window.location.assign(EXPIRED_LOGIN_URL);
  }
}

/** React Query client: an UNAUTHORIZED answer anywhere means the session ended. */
export function createQueryClient(): QueryClient {
  return new QueryClient({
    queryCache: new QueryCache({ onError: redirectWhenSessionEnded }),
    mutationCache: new MutationCache({ onError: redirectWhenSessionEnded }),
    defaultOptions: {
      queries: {
        staleTime: 15_000,
        refetchOnWindowFocus: false,
        retry: (failureCount, error) => !NO_RETRY_CODES.has(trpcCodeOf(error) ?? "") && failureCount < 2,
      },
    },
  });
}
