"use client";

import { useTranslations } from "next-intl";
import type { RowMenuItem } from "@/components/row-menu";
import { useToast } from "@/components/toast/toast-provider";
import { trpcCodeOf } from "@/lib/trpc-errors";
import { useErrorMessage } from "@/lib/use-error-message";
import { useActionParam, useMenuActionRunner } from "./use-action-param";

interface RowActionParamOptions<Row> {
  /** The rows the list has loaded; undefined while it loads. */
  rows: readonly Row[] | undefined;
  idOf: (row: Row) => string;
  /** The row's menu: the same items its row offers, opening the list's own dialogs. */
  itemsOf: (row: Row) => RowMenuItem[];
  /** Fetches a row that is not on the loaded page; resolves null (or fails NOT_FOUND) when it is gone. */
  lookup?: (id: string) => Promise<Row | null>;
}

/**
 * `?action=<key>&id=<row>` on a list page (kinds without a page of their
 * own): once the rows are loaded, opens the same dialog the row's menu
 * opens, for the row with that id, fetched when it is not on this page.
 * A row that is not there, or an action that does not apply, is said in a
 * toast; both parameters are dropped either way.
 */
export function useRowActionParam<Row>({ rows, idOf, itemsOf, lookup }: RowActionParamOptions<Row>): void {
  const t = useTranslations("palette");
  const toast = useToast();
  const errorMessageOf = useErrorMessage();
  const runItem = useMenuActionRunner();

  useActionParam(rows !== undefined, (action, id) => {
    const missing = () => toast.show(t("rowNotFound", { id: id ?? "" }), "error");
    const row = id === null ? undefined : rows?.find((r) => idOf(r) === id);
    if (row !== undefined) return runItem(itemsOf(row), action);
    if (id === null || !lookup) return missing();
    lookup(id).then(
      (found) => (found === null ? missing() : runItem(itemsOf(found), action)),
      (error: unknown) =>
        trpcCodeOf(error) === "NOT_FOUND" ? missing() : toast.show(errorMessageOf(error), "error"),
    );
  });
}
