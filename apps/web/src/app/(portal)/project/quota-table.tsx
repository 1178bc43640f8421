import { useTranslations } from "next-intl";
import { isUnlimited } from "@/lib/compute/quota-limits";

export interface QuotaRow {
  key: string;
  title: string;
  used: number;
  limit: number;
  format?: (n: number) => string;
}

/** The table view of a row of quota donuts: the same numbers, for screen readers and copying. */
export function QuotaTable({ title, rows }: { title: string; rows: readonly QuotaRow[] }) {
  const tCharts = useTranslations("charts");
  const t = useTranslations("usage.quotas");
  return (
    <details className="mt-2 text-sm">
      <summary className="cursor-pointer text-fg-muted hover:text-fg">{tCharts("showAsTable")}</summary>
      <table aria-label={title} className="mt-2 w-full max-w-xl text-left text-sm">
        <thead className="text-xs text-fg-muted uppercase">
          <tr>
            <th scope="col" className="py-1 font-semibold">
              {t("resource")}
            </th>
            <th scope="col" className="py-1 text-right font-semibold">
              {t("used")}
            </th>
            <th scope="col" className="py-1 text-right font-semibold">
              {t("limit")}
            </th>
          </tr>
        </thead>
        <tbody>
          {rows.map((r) => (
            <tr key={r.key} className="border-t border-border">
              <td className="py-1">{r.title}</td>
              <td className="py-1 text-right tabular-nums">{(r.format ?? String)(r.used)}</td>
              <td className="py-1 text-right tabular-nums">
                {isUnlimited(r.limit) ? t("unlimited") : (r.format ?? String)(r.limit)}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </details>
  );
}
