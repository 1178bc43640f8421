import { useTranslations } from "next-intl";
import type { ReactNode } from "react";
import { Button } from "@/components/ui/button";
import { useErrorMessage } from "@/lib/use-error-message";

export function SkeletonRows({ columns, rows = 5 }: { columns: number; rows?: number }) {
  return (
    <>
      {Array.from({ length: rows }, (_, row) => (
        // biome-ignore lint/suspicious/noArrayIndexKey: placeholder rows have no identity
        <tr key={row} aria-hidden className="border-t border-border">
          {Array.from({ length: columns }, (_, col) => (
            // biome-ignore lint/suspicious/noArrayIndexKey: placeholder cells have no identity
            <td key={col} className="px-3 py-3">
              <div className="h-3.5 w-3/4 animate-pulse rounded bg-surface-muted" />
            </td>
          ))}
        </tr>
      ))}
    </>
  );
}

/** A table's place while its page streams from the server (Suspense fallback): a toolbar and rows of bars. */
export function TableSkeleton({ rows = 8 }: { rows?: number }) {
  const t = useTranslations("common");
  return (
    <div role="status" aria-busy="true" className="flex flex-col gap-3">
      <span className="sr-only">{t("loading")}</span>
      <div aria-hidden className="h-9 w-72 animate-pulse rounded bg-surface-muted" />
      <div aria-hidden className="rounded-lg border border-border bg-surface">
        {Array.from({ length: rows }, (_, row) => (
          // biome-ignore lint/suspicious/noArrayIndexKey: placeholder rows have no identity
          <div key={row} className="border-t border-border px-3 py-3 first:border-t-0">
            <div className="h-3.5 w-3/4 animate-pulse rounded bg-surface-muted" />
          </div>
        ))}
      </div>
    </div>
  );
}

export function TableMessageRow({ columns, children }: { columns: number; children: ReactNode }) {
  return (
    <tr className="border-t border-border">
      <td colSpan={columns} className="px-3 py-10 text-center">
        {children}
      </td>
    </tr>
  );
}

export function TableError({ error, onRetry }: { error: unknown; onRetry: () => void }) {
  const errorMessageOf = useErrorMessage();
  const t = useTranslations("dataTable");
  const tCommon = useTranslations("common");
  return (
    <div role="alert" className="mx-auto flex max-w-md flex-col items-center gap-3 text-sm">
      <p className="font-medium text-danger">{t("loadFailed")}</p>
      <p className="text-fg-muted">{errorMessageOf(error)}</p>
      <Button size="sm" onClick={onRetry}>
        {tCommon("retry")}
      </Button>
    </div>
  );
}

export function TableEmpty({ title, hint }: { title: string; hint?: ReactNode }) {
  return (
    <div className="mx-auto flex max-w-md flex-col items-center gap-1 text-sm">
      <p className="font-medium">{title}</p>
      {hint ? <div className="text-fg-muted">{hint}</div> : null}
    </div>
  );
}
