import { formatAge } from "@/lib/compute/format";

/**
 * How long ago `iso` was ("17 s", "3 min"), as a <time>. Pages render on
 * the server first: the browser hydrates a moment later, when the age may
 * read one second more, so the text is allowed to differ there (React keeps
 * the server's until the row renders again, which the live tables do).
 */
export function Age({ iso, suffix = "" }: { iso: string; suffix?: string }) {
  return (
    <time dateTime={iso} suppressHydrationWarning>
      {`${formatAge(iso)}${suffix}`}
    </time>
  );
}
