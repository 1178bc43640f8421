import { type ErrorMessageOf, trpcCodeOf } from "../trpc-errors";

/**
 * A refused network change: a CONFLICT already says what holds the network
 * and what to do ("… is in use by instance web-1. Remove them first."), so
 * the generic conflict hint (about names) would only mislead. Other failures
 * read as `messageOf` (from `useErrorMessage()`) says them.
 */
export function networkErrorMessage(error: unknown, messageOf: ErrorMessageOf): string {
  if (trpcCodeOf(error) === "CONFLICT" && error instanceof Error && error.message)
    return messageOf(error, { bare: true });
  return messageOf(error);
}
